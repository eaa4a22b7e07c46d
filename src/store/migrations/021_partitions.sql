-- Monthly partitions for the three tables that grow with every message: inbox (received_at), audit_log
-- (at) and outbox (created_at). Old months can then be archived and dropped whole (`cli retention`)
-- instead of deleted row by row, and each month's indexes stay small.
--
-- Postgres wants the partition key in every unique index, so "one row per (source, source_msg_id)" and
-- "one row per job_id" can no longer be unique indexes of the tables themselves. Each key is claimed
-- instead in a small unpartitioned key table by a BEFORE INSERT trigger: a key already there skips the
-- row, exactly as ON CONFLICT DO NOTHING did (the insert returns no row for it), and a concurrent insert
-- of the same key waits for the first one's transaction, as a unique index would. The key tables also
-- carry the foreign keys that used to point at inbox(id), and outlive the months that are dropped, so a
-- message redelivered after its month was archived is still refused.

-- Creates the missing monthly partitions of `parent` (by `key`) for every month from from_month to
-- to_month (UTC months). Rows of such a month already in the default partition are moved into the new
-- one; attaching (rather than CREATE … PARTITION OF) keeps the parent writable meanwhile.
CREATE FUNCTION ensure_month_partitions(parent text, key text, from_month date, to_month date) RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
  m date := date_trunc('month', from_month)::date;
  lo text;
  hi text;
  part text;
  made integer := 0;
BEGIN
  PERFORM pg_advisory_xact_lock(740202);
  WHILE m <= to_month LOOP
    part := parent || '_' || to_char(m, 'YYYY_MM');
    lo := to_char(m, 'YYYY-MM-DD') || ' 00:00:00+00';
    hi := to_char((m + interval '1 month')::date, 'YYYY-MM-DD') || ' 00:00:00+00';
    IF to_regclass(part) IS NULL THEN
      EXECUTE format('CREATE TABLE %I (LIKE %I INCLUDING DEFAULTS INCLUDING CONSTRAINTS)', part, parent);
      EXECUTE format('WITH moved AS (DELETE FROM %I WHERE %I >= %L AND %I < %L RETURNING *) INSERT INTO %I SELECT * FROM moved',
        parent || '_default', key, lo, key, hi, part);
      EXECUTE format('ALTER TABLE %I ATTACH PARTITION %I FOR VALUES FROM (%L) TO (%L)', parent, part, lo, hi);
      made := made + 1;
    END IF;
    m := (m + interval '1 month')::date;
  END LOOP;
  RETURN made;
END $$;

-- This month's partitions and `ahead` months more, on each table (the start and a daily job call it).
CREATE FUNCTION ensure_all_month_partitions(at timestamptz, ahead integer) RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
  upto date := (date_trunc('month', at AT TIME ZONE 'UTC') + make_interval(months => ahead))::date;
  here date := date_trunc('month', at AT TIME ZONE 'UTC')::date;
BEGIN
  RETURN ensure_month_partitions('inbox', 'received_at', here, upto)
    + ensure_month_partitions('audit_log', 'at', here, upto)
    + ensure_month_partitions('outbox', 'created_at', here, upto);
END $$;

-- inbox ------------------------------------------------------------------------------------------------
CREATE TABLE inbox_keys (
  id             bigint PRIMARY KEY,
  source         text NOT NULL,
  source_msg_id  text NOT NULL,
  received_at    timestamptz NOT NULL,
  UNIQUE (source, source_msg_id)
);
INSERT INTO inbox_keys (id, source, source_msg_id, received_at) SELECT id, source, source_msg_id, received_at FROM inbox;

ALTER TABLE triage_signals DROP CONSTRAINT triage_signals_inbox_id_fkey;
ALTER TABLE income_readings DROP CONSTRAINT income_readings_inbox_id_fkey;
ALTER TABLE triage_signals ADD CONSTRAINT triage_signals_inbox_id_fkey FOREIGN KEY (inbox_id) REFERENCES inbox_keys (id);
ALTER TABLE income_readings ADD CONSTRAINT income_readings_inbox_id_fkey FOREIGN KEY (inbox_id) REFERENCES inbox_keys (id);

ALTER SEQUENCE inbox_id_seq OWNED BY NONE;
ALTER TABLE inbox RENAME TO inbox_unpartitioned;
CREATE TABLE inbox (LIKE inbox_unpartitioned INCLUDING DEFAULTS INCLUDING CONSTRAINTS) PARTITION BY RANGE (received_at);
CREATE TABLE inbox_default PARTITION OF inbox DEFAULT;
SELECT ensure_month_partitions('inbox', 'received_at', GREATEST(COALESCE((SELECT min(received_at) FROM inbox_unpartitioned), now()), now() - interval '10 years')::date, now()::date);
INSERT INTO inbox SELECT * FROM inbox_unpartitioned;
DROP TABLE inbox_unpartitioned;
ALTER SEQUENCE inbox_id_seq OWNED BY inbox.id;
ALTER TABLE inbox ADD PRIMARY KEY (id, received_at);
CREATE INDEX inbox_unhandled_idx ON inbox (received_at) WHERE handled_at IS NULL;
CREATE INDEX inbox_source_msg_idx ON inbox (source, source_msg_id);

CREATE FUNCTION inbox_claim_key() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO inbox_keys (id, source, source_msg_id, received_at)
    VALUES (NEW.id, NEW.source, NEW.source_msg_id, NEW.received_at) ON CONFLICT DO NOTHING;
  IF FOUND THEN
    RETURN NEW;
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER inbox_claim_key BEFORE INSERT ON inbox FOR EACH ROW EXECUTE FUNCTION inbox_claim_key();

-- audit_log (no key of its own: ids come from its sequence) ---------------------------------------------
ALTER SEQUENCE audit_log_id_seq OWNED BY NONE;
ALTER TABLE audit_log RENAME TO audit_log_unpartitioned;
CREATE TABLE audit_log (LIKE audit_log_unpartitioned INCLUDING DEFAULTS INCLUDING CONSTRAINTS) PARTITION BY RANGE (at);
CREATE TABLE audit_log_default PARTITION OF audit_log DEFAULT;
SELECT ensure_month_partitions('audit_log', 'at', GREATEST(COALESCE((SELECT min(at) FROM audit_log_unpartitioned), now()), now() - interval '10 years')::date, now()::date);
INSERT INTO audit_log SELECT * FROM audit_log_unpartitioned;
DROP TABLE audit_log_unpartitioned;
ALTER SEQUENCE audit_log_id_seq OWNED BY audit_log.id;
ALTER TABLE audit_log ADD PRIMARY KEY (id, at);
CREATE INDEX audit_entity_idx ON audit_log (entity, entity_id);

-- outbox -----------------------------------------------------------------------------------------------
CREATE TABLE outbox_keys (
  job_id      text PRIMARY KEY,
  created_at  timestamptz NOT NULL
);
INSERT INTO outbox_keys (job_id, created_at) SELECT job_id, created_at FROM outbox;

ALTER TABLE outbox RENAME TO outbox_unpartitioned;
CREATE TABLE outbox (LIKE outbox_unpartitioned INCLUDING DEFAULTS INCLUDING CONSTRAINTS) PARTITION BY RANGE (created_at);
CREATE TABLE outbox_default PARTITION OF outbox DEFAULT;
SELECT ensure_month_partitions('outbox', 'created_at', GREATEST(COALESCE((SELECT min(created_at) FROM outbox_unpartitioned), now()), now() - interval '10 years')::date, now()::date);
INSERT INTO outbox SELECT * FROM outbox_unpartitioned;
DROP TABLE outbox_unpartitioned;
ALTER TABLE outbox ADD PRIMARY KEY (job_id, created_at);
CREATE INDEX outbox_unsent_idx ON outbox (created_at) WHERE sent_at IS NULL;
CREATE INDEX outbox_sent_to_idx ON outbox (sent_to, sent_at) WHERE sent_to IS NOT NULL;

CREATE FUNCTION outbox_claim_key() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO outbox_keys (job_id, created_at) VALUES (NEW.job_id, NEW.created_at) ON CONFLICT DO NOTHING;
  IF FOUND THEN
    RETURN NEW;
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER outbox_claim_key BEFORE INSERT ON outbox FOR EACH ROW EXECUTE FUNCTION outbox_claim_key();

-- Older data past ten years, if any, stays in the default partitions.
SELECT ensure_all_month_partitions(now(), 3);
