-- The sweep's claim of a due household writes a column no index covers, so the update is HOT: the new
-- row version goes on the same page and neither index gets an entry. Moving remind_at on (021_b) wrote
-- an entry in household_reminders_due_idx and one in the primary key for each of a busy morning's
-- 100,000 due rows: ~2 s of Postgres CPU, the sweep's dearest statement. remind_at is now the schedule
-- alone (set from households.remind_at by the trigger); reminded_until is when the sweep looks again at
-- a household it reminded, and a new schedule clears it. The price: a household reminded and still
-- overdue is read through the index at every sweep (and skipped) until it is visited; reading a row is
-- far cheaper than rewriting it and its index entries.
ALTER TABLE household_reminders ADD COLUMN reminded_until timestamptz;
-- Room on each page for the new versions of its due rows (a HOT update needs it on the same page).
ALTER TABLE household_reminders SET (fillfactor = 50);
-- Rewrites the table (an expression, not the column itself), so the rows already there get that room too.
ALTER TABLE household_reminders ALTER COLUMN remind_at TYPE timestamptz USING remind_at + interval '0';

CREATE OR REPLACE FUNCTION households_carry_remind_at() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.remind_at IS NULL THEN
    DELETE FROM household_reminders WHERE household_id = NEW.id;
  ELSE
    INSERT INTO household_reminders (household_id, remind_at) VALUES (NEW.id, NEW.remind_at)
      ON CONFLICT (household_id) DO UPDATE SET remind_at = EXCLUDED.remind_at, reminded_until = NULL;
  END IF;
  RETURN NULL;
END $$;
