-- Who WeCom accepted each sent message for: the per-member send window (30 a minute, 1,000 an hour) is
-- rebuilt from these rows when Redis loses it, so a wipe never lets the worker send into WeCom's silent drop.
ALTER TABLE outbox ADD COLUMN sent_to text;
CREATE INDEX outbox_sent_to_idx ON outbox (sent_to, sent_at) WHERE sent_to IS NOT NULL;
-- A message WeCom refused for good (unknown recipient, bad request): kept with the reason, left alone by the
-- reconciler until someone retries it from the console (失败任务).
ALTER TABLE outbox ADD COLUMN failed_at timestamptz;
ALTER TABLE outbox ADD COLUMN failure text;
