-- A message claimed for sending, written before its WeCom call (with the recorded row, or by the send
-- job's sent-before check): the member's send window, rebuilt after a Redis wipe, counts the rows claimed
-- and not yet marked, so sends in flight in any worker process at the wipe are not let through twice over.
-- claimed_by names the process: its own claims it counts from memory instead (only the sends it has been
-- granted a slot for; a claimed row it has not reached yet takes its slot when it gets there).
ALTER TABLE outbox ADD COLUMN claimed_at timestamptz;
ALTER TABLE outbox ADD COLUMN claimed_to text;
ALTER TABLE outbox ADD COLUMN claimed_by text;
CREATE INDEX outbox_claimed_to_idx ON outbox (claimed_to, claimed_at) WHERE sent_at IS NULL AND claimed_to IS NOT NULL;
