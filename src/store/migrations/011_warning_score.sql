-- The household's early-warning score (0–100) with its reasons, written by triage and refreshed by the
-- sweep as old signals leave their windows; it orders cadres' work lists and digests.
ALTER TABLE households ADD COLUMN warning_score smallint NOT NULL DEFAULT 0;
ALTER TABLE households ADD COLUMN warning_reasons jsonb NOT NULL DEFAULT '[]';
ALTER TABLE households ADD COLUMN warning_at timestamptz;
CREATE INDEX households_warning_stale_idx ON households (warning_at) WHERE warning_score > 0;

-- Per-capita income as cadres found it over time (走访, 入户核实), for the income trend. Department
-- low-income rows are read from triage_signals.
CREATE TABLE income_readings (
  id            bigserial PRIMARY KEY,
  household_id  text NOT NULL REFERENCES households(id),
  yuan          integer NOT NULL,
  source        text NOT NULL,
  at            timestamptz NOT NULL
);
CREATE INDEX income_readings_household_idx ON income_readings (household_id, at);
