-- The deadline a visit or call met (the household's next due time of that kind just before it):
-- the weekly bulletin counts deadlines that fell in the week, met or not.
ALTER TABLE visits ADD COLUMN due_at timestamptz;

-- One bulletin (通报) per township and week, written before it is queued: re-running a week sends nothing twice.
CREATE TABLE bulletins (
  township_id  text NOT NULL REFERENCES townships(id),
  week_start   timestamptz NOT NULL,
  content      text NOT NULL,
  created_at   timestamptz NOT NULL,
  queued_at    timestamptz,
  PRIMARY KEY (township_id, week_start)
);
