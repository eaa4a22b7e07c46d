-- A busy morning's sweep reminded 100,000 overdue visits and calls, each stored as a row of reminders
-- (a text key of item and period, in a primary key): ~1 s of the sweep's Postgres time to say "reminded
-- once in this period", which the claim of household_reminders (021_b, 025) nearly says already. Now the
-- claim's own HOT update (no index covers these columns) records, for each household, the visit and
-- the call last reminded: the due time and the period since it (whole policy.reminders
-- overdueVisitEveryHours), so a household claimed again in the same period (a new schedule clears
-- reminded_until, but not these) is not reminded twice. A new due time starts over. Tasks, procedure
-- steps and the 8个一 keep their rows in reminders (a task's escalation history is read from there).
ALTER TABLE household_reminders
  ADD COLUMN visit_reminded timestamptz,
  ADD COLUMN visit_period int,
  ADD COLUMN call_reminded timestamptz,
  ADD COLUMN call_period int;

-- What the reminders already there say, for each household's current due times (key: kind, household,
-- due time as toISOString writes it, period).
WITH sent AS (
  SELECT m[1] AS kind, m[2] AS household_id, m[3]::timestamptz AS due, max(m[4]::int) AS period
    FROM reminders, regexp_match(key, '^(visit|call):(.*):([0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}[.][0-9]{3}Z):([0-9]+)$') AS m
   WHERE key LIKE 'visit:%' OR key LIKE 'call:%'
   GROUP BY 1, 2, 3)
UPDATE household_reminders r SET
    visit_reminded = v.due, visit_period = v.period, call_reminded = c.due, call_period = c.period
  FROM households h
  LEFT JOIN sent v ON v.kind = 'visit' AND v.household_id = h.id AND v.due = h.next_visit_due_at
  LEFT JOIN sent c ON c.kind = 'call' AND c.household_id = h.id AND c.due = h.next_call_due_at
 WHERE h.id = r.household_id AND (v.due IS NOT NULL OR c.due IS NOT NULL);
