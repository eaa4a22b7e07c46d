-- Messages from outside that could not be stored or handled, kept with the reason so intake moves on
-- (a 微信客服 cursor is never held by one bad message) and a person can look at them. `raw` is the
-- message as JSON text, escapes and all, so even text Postgres refuses is kept exactly.
CREATE TABLE dead_letters (
  id             bigserial PRIMARY KEY,
  source         text NOT NULL,
  source_msg_id  text NOT NULL,
  reason         text NOT NULL,
  raw            text NOT NULL,
  created_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX dead_letters_created_idx ON dead_letters (created_at);
