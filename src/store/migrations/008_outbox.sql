-- Every outbound WeCom message, recorded before it is queued and marked when WeCom accepted it. If Redis
-- loses the job, the reconciler finds the row unsent and queues it again under the same job id.
CREATE TABLE outbox (
  job_id      text PRIMARY KEY,
  data        jsonb NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  sent_at     timestamptz
);
CREATE INDEX outbox_unsent_idx ON outbox (created_at) WHERE sent_at IS NULL;
