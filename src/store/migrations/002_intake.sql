-- How the household of a case was found (household_id | id_number | phone | name_village | unmatched).
ALTER TABLE cases ADD COLUMN match_method text NOT NULL DEFAULT 'unmatched';
-- The villager (微信客服 external_userid) who reported, for receipts and status updates.
ALTER TABLE cases ADD COLUMN reporter text;
CREATE INDEX cases_reporter_idx ON cases (reporter) WHERE reporter IS NOT NULL;

-- Department API keys: only a hash is stored; a key can only submit alerts.
CREATE TABLE dept_keys (
  id          serial PRIMARY KEY,
  department  text NOT NULL,
  key_hash    text NOT NULL UNIQUE,
  created_at  timestamptz NOT NULL DEFAULT now(),
  revoked_at  timestamptz
);

-- One open chat with a villager while we collect what a report needs.
CREATE TABLE kf_sessions (
  external_userid  text PRIMARY KEY,
  open_kfid        text NOT NULL,
  case_id          bigint REFERENCES cases(id),
  draft            jsonb NOT NULL DEFAULT '{}',
  asked            text,
  last_customer_at timestamptz NOT NULL,
  replies_since    integer NOT NULL DEFAULT 0,
  updated_at       timestamptz NOT NULL DEFAULT now()
);

-- The message the cadre was sent for this task, so a retried job can send exactly the same one again.
ALTER TABLE tasks ADD COLUMN notice text NOT NULL DEFAULT '';
ALTER TABLE tasks ADD COLUMN inbox_id bigint;
