-- A task is one cadre's assignment of a case: open | done | transferred. The case carries the lifecycle.
UPDATE tasks SET state = 'open' WHERE state = 'assigned';
ALTER TABLE tasks DROP COLUMN notice;
CREATE UNIQUE INDEX tasks_one_open_per_case ON tasks (case_id) WHERE state = 'open';
CREATE INDEX tasks_open_by_cadre_idx ON tasks (cadre_userid, next_due_at) WHERE state = 'open';

-- The home verification note (入户核实).
ALTER TABLE cases ADD COLUMN verification text;

-- 一户一策: assistance measures, one row each.
CREATE TABLE measures (
  id            bigserial PRIMARY KEY,
  case_id       bigint NOT NULL REFERENCES cases(id),
  household_id  text REFERENCES households(id),
  cadre_userid  text NOT NULL,
  text          text NOT NULL,
  at            timestamptz NOT NULL
);
CREATE INDEX measures_case_idx ON measures (case_id);

-- Status updates for reporting villagers, held until the 微信客服 window lets us send them (combined).
CREATE TABLE villager_updates (
  id               bigserial PRIMARY KEY,
  external_userid  text NOT NULL,
  case_id          bigint NOT NULL REFERENCES cases(id),
  text             text NOT NULL,
  created_at       timestamptz NOT NULL,
  sent_at          timestamptz
);
CREATE INDEX villager_updates_pending_idx ON villager_updates (external_userid) WHERE sent_at IS NULL;
CREATE INDEX households_head_name_idx ON households (head_name);
