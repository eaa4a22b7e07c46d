-- One row per triaged report, with how a department row measured up against the policy's screening
-- standards (verdict null for messages). A row below its standard (未达预警标准) makes no case: this row
-- is all that is kept of it, listed and counted on the console. The rows are also the household's
-- signals over time for its early-warning score (repeated reports, several departments in 30 days).
CREATE TABLE triage_signals (
  inbox_id        bigint PRIMARY KEY REFERENCES inbox(id),
  household_id    text REFERENCES households(id),
  village_id      text REFERENCES villages(id),
  channel         text NOT NULL,
  source          text NOT NULL,             -- the department's name, or the villager's external id
  kind            text,                      -- the department's kind of row
  verdict         text CHECK (verdict IN ('alert', 'below_threshold', 'observe')),
  measure         text,                      -- inpatient_self_paid | outpatient_monthly | schooling_self_paid | income_per_capita
  amount_yuan     integer,
  threshold_yuan  integer,
  reason          text NOT NULL DEFAULT '',
  case_id         bigint REFERENCES cases(id),
  at              timestamptz NOT NULL
);
CREATE INDEX triage_signals_below_idx ON triage_signals (at DESC) WHERE verdict = 'below_threshold';
CREATE INDEX triage_signals_household_idx ON triage_signals (household_id, at) WHERE household_id IS NOT NULL;

-- case: the full case (签收 → 核实 → 认定); observe: 观察, a lighter item for an income between the
-- monitoring and observation lines (longer deadlines, never the 绿色通道).
ALTER TABLE cases ADD COLUMN kind text NOT NULL DEFAULT 'case' CHECK (kind IN ('case', 'observe'));
