-- When the next reminder for an item is due: the deadline at first, then later after each reminder.
-- Sweeps read only what is due through these partial indexes, whatever the county's size.
ALTER TABLE tasks ADD COLUMN remind_at timestamptz;
UPDATE tasks SET remind_at = next_due_at WHERE state = 'open';
CREATE INDEX tasks_remind_idx ON tasks (remind_at) WHERE state = 'open' AND remind_at IS NOT NULL;
ALTER TABLE households ADD COLUMN remind_at timestamptz;
UPDATE households SET remind_at = LEAST(next_visit_due_at, next_call_due_at);
CREATE INDEX households_remind_idx ON households (remind_at) WHERE remind_at IS NOT NULL;

-- One row per reminder sent: the key (item, deadline, level) makes a retried or overlapping sweep send it once.
CREATE TABLE reminders (
  key           text PRIMARY KEY,
  item          text NOT NULL,
  cadre_userid  text NOT NULL,
  at            timestamptz NOT NULL
);
CREATE INDEX reminders_item_idx ON reminders (item);

-- Digests written in the sweep's transaction and queued after it: a crash between the two loses nothing.
CREATE TABLE digests (
  id            bigserial PRIMARY KEY,
  cadre_userid  text NOT NULL,
  content       text NOT NULL,
  created_at    timestamptz NOT NULL,
  queued_at     timestamptz
);
CREATE INDEX digests_unqueued_idx ON digests (id) WHERE queued_at IS NULL;
