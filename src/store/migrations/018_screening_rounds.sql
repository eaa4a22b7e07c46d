-- Screening rounds (村一周一排查, 乡半月一核实): one per place and period, stored before its cards are
-- queued (a re-run opens nothing twice). recipients: who got the card along the chain, who may answer.
CREATE TABLE screening_rounds (
  id            bigserial PRIMARY KEY,
  kind          text NOT NULL CHECK (kind IN ('village', 'township')),
  place_id      text NOT NULL,               -- the village (排查) or the township (核实)
  township_id   text NOT NULL REFERENCES townships(id),
  period_start  timestamptz NOT NULL,
  period_end    timestamptz NOT NULL,
  deadline      timestamptz NOT NULL,
  recipients    text[] NOT NULL DEFAULT '{}',
  created_at    timestamptz NOT NULL,
  queued_at     timestamptz,
  answered_at   timestamptz,
  answered_by   text REFERENCES cadres(userid),
  outcome       text CHECK (outcome IN ('clear', 'found')),
  findings      integer NOT NULL DEFAULT 0,
  UNIQUE (kind, place_id, period_start)
);
CREATE INDEX screening_rounds_unqueued_idx ON screening_rounds (created_at) WHERE queued_at IS NULL;
CREATE INDEX screening_rounds_township_idx ON screening_rounds (township_id, deadline);
CREATE INDEX screening_rounds_recipients_idx ON screening_rounds USING gin (recipients);

-- A round's checklist: why each household is on it, as it stood when the round opened.
CREATE TABLE screening_round_items (
  round_id         bigint NOT NULL REFERENCES screening_rounds(id) ON DELETE CASCADE,
  household_id     text NOT NULL REFERENCES households(id),
  visit_due_at     timestamptz,
  call_due_at      timestamptz,
  open_cases       text[] NOT NULL DEFAULT '{}',
  signals          integer NOT NULL DEFAULT 0,
  last_contact_at  timestamptz,
  PRIMARY KEY (round_id, household_id)
);

-- 一月一分析: the county's digest of a month, stored before it (and its workbook) is queued.
CREATE TABLE monthly_digests (
  month       text PRIMARY KEY,               -- 2026-11
  content     text NOT NULL,
  created_at  timestamptz NOT NULL,
  queued_at   timestamptz
);
