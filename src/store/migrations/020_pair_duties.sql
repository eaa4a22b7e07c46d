-- 8个一: a pair-helper's duty done for a household, once per duty and period ('2026', '2026-Q4', '2026-12').
-- Calls and visits are not here: they stay in visits, and count as the duties the policy says.
CREATE TABLE pair_duty_records (
  id            bigserial PRIMARY KEY,
  household_id  text NOT NULL REFERENCES households(id),
  duty          text NOT NULL CHECK (duty IN ('plan', 'call', 'visit', 'evaluation', 'problem', 'jobs', 'tech', 'purchase')),
  period        text NOT NULL,
  cadre_userid  text NOT NULL REFERENCES cadres(userid),
  at            timestamptz NOT NULL,
  via           text NOT NULL CHECK (via IN ('text', 'card')),
  note          text NOT NULL DEFAULT '',
  UNIQUE (household_id, duty, period)
);
CREATE INDEX pair_duty_records_at_idx ON pair_duty_records (household_id, at);

-- When the sweep next looks at a household's 8个一 (NULL: not yet on the schedule). The periods are the
-- calendar's, so a household is looked at only when one of its duties changes stage.
ALTER TABLE households ADD COLUMN duty_remind_at timestamptz;
CREATE INDEX households_duty_remind_idx ON households (duty_remind_at) WHERE duty_remind_at IS NOT NULL;
CREATE INDEX households_duty_unscheduled_idx ON households (id) WHERE duty_remind_at IS NULL AND status <> 'ordinary';
