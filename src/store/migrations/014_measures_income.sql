-- 一户一策 with typed measures (issue 19 item 5): each measure has a type, the member it is for (NULL = the
-- whole household), the responsible department, a start date, an amount, a status and the effect found at
-- 回头看. Rows from before keep their text as the detail, type 其他 and status 落实中 (a free-text line
-- never said whether it was carried out). A measure may belong to a household without a case.
ALTER TABLE measures ALTER COLUMN case_id DROP NOT NULL;
ALTER TABLE measures ADD COLUMN type text NOT NULL DEFAULT 'other' CHECK (type IN ('industry', 'employment', 'public_job',
  'training', 'microcredit', 'dibao', 'tekun', 'temp_relief', 'medical', 'education', 'housing', 'water', 'insurance',
  'consumption', 'other'));
-- A member row replaced on re-import (one without an ID number) leaves the name behind.
ALTER TABLE measures ADD COLUMN member_id integer REFERENCES members(id) ON DELETE SET NULL;
ALTER TABLE measures ADD COLUMN member_name text;
ALTER TABLE measures ADD COLUMN department text NOT NULL DEFAULT '';
ALTER TABLE measures ADD COLUMN start_date date;
ALTER TABLE measures ADD COLUMN amount_yuan integer CHECK (amount_yuan >= 0);
ALTER TABLE measures ADD COLUMN status text NOT NULL DEFAULT 'in_progress' CHECK (status IN ('planned', 'in_progress', 'done', 'void'));
ALTER TABLE measures ADD COLUMN effect text CHECK (effect IN ('effective', 'partial', 'none'));
ALTER TABLE measures ADD COLUMN effect_note text NOT NULL DEFAULT '';
ALTER TABLE measures ADD COLUMN effect_at timestamptz;
ALTER TABLE measures ADD COLUMN effect_by text;
ALTER TABLE measures ADD COLUMN updated_at timestamptz;
UPDATE measures SET updated_at = at;
ALTER TABLE measures ALTER COLUMN updated_at SET NOT NULL;
UPDATE measures m SET household_id = c.household_id FROM cases c WHERE c.id = m.case_id AND m.household_id IS NULL;
CREATE INDEX measures_household_idx ON measures (household_id);

-- The income history (issue 19): every figure with its source, who found it and the case it was for.
-- Department income rows are copied in from triage_signals (inbox_id keeps them once each), so the history
-- and the early-warning score read one table. 'cadre' marks rows from before the sources were told apart.
ALTER TABLE income_readings ADD CONSTRAINT income_readings_source_check
  CHECK (source IN ('verify', 'visit', 'call', 'department', 'import', 'cadre'));
ALTER TABLE income_readings ADD COLUMN recorded_by text;
ALTER TABLE income_readings ADD COLUMN case_id bigint REFERENCES cases(id);
ALTER TABLE income_readings ADD COLUMN note text NOT NULL DEFAULT '';
ALTER TABLE income_readings ADD COLUMN inbox_id bigint UNIQUE REFERENCES inbox(id);
INSERT INTO income_readings (household_id, yuan, source, at, recorded_by, case_id, inbox_id)
  SELECT household_id, amount_yuan, 'department', at, source, case_id, inbox_id FROM triage_signals
   WHERE measure = 'income_per_capita' AND amount_yuan IS NOT NULL AND household_id IS NOT NULL;
