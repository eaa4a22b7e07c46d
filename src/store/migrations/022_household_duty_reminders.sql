-- When the sweep next looks at a household's 8个一, in a narrow table of its own (as 021_b did for the
-- visit reminders). The sweep looks at up to 20,000 households a sweep and moves each on; on the wide
-- households row (households.duty_remind_at, 020) each move rewrote the whole row and an entry in every
-- index of households.
--
-- Every household not 'ordinary' has a row here; remind_at NULL means not on the schedule yet (or not
-- owed the duties when last looked at), and the sweep takes those whose status owes them. A household
-- that becomes owed gets its row from the trigger, as it used to fall into the partial index on the column.
CREATE TABLE household_duty_reminders (
  household_id  text PRIMARY KEY REFERENCES households (id) ON DELETE CASCADE,
  remind_at     timestamptz
);
INSERT INTO household_duty_reminders (household_id, remind_at)
  SELECT id, duty_remind_at FROM households WHERE duty_remind_at IS NOT NULL OR status <> 'ordinary';
CREATE INDEX household_duty_reminders_due_idx ON household_duty_reminders (remind_at, household_id) WHERE remind_at IS NOT NULL;
CREATE INDEX household_duty_reminders_unscheduled_idx ON household_duty_reminders (household_id) WHERE remind_at IS NULL;

CREATE FUNCTION households_add_duty_reminder() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO household_duty_reminders (household_id) VALUES (NEW.id) ON CONFLICT (household_id) DO NOTHING;
  RETURN NULL;
END $$;
CREATE TRIGGER households_add_duty_reminder_on_insert AFTER INSERT ON households
  FOR EACH ROW WHEN (NEW.status <> 'ordinary') EXECUTE FUNCTION households_add_duty_reminder();
CREATE TRIGGER households_add_duty_reminder_on_status AFTER UPDATE OF status ON households
  FOR EACH ROW WHEN (NEW.status <> 'ordinary' AND OLD.status IS DISTINCT FROM NEW.status) EXECUTE FUNCTION households_add_duty_reminder();

DROP INDEX households_duty_remind_idx;
DROP INDEX households_duty_unscheduled_idx;
ALTER TABLE households DROP COLUMN duty_remind_at;
