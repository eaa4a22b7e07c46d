import type { DigestQueueStore, DueHousehold, DueTask, StoredDigest, SweepStore } from '../domain/ports/sweep.js';
import { dueProcedureSteps } from './procedure-store.js';
import type { SweepDeps } from '../domain/use-cases/sweep-due.js';
import type { Policy } from '../domain/policy.js';
import { visitPlans } from '../domain/schedule/visit-plan.js';
import { firstLinkSql, firstLinksSql } from './chain-sql.js';
import type { Db, Queryable } from './db.js';
import { householdSignals, saveWarningScores, staleWarningScores } from './signal-store.js';
import { dutySweepStore } from './pair-duty-store.js';

/** Any constant both engines agree on: the key of the advisory lock sweeps take. */
const SWEEP_LOCK = 7_301_001;

/**
 * A sweep's transaction. It takes the sweep lock first, so overlapping sweeps (a slow one and the next
 * tick, or two workers) run one after the other: run side by side, each would take part of a cadre's due
 * rows and the cadre would get two digests. The second finds only what the first left.
 */
export function sweepTransaction(db: Db): SweepDeps['transaction'] {
  return (fn) =>
    db.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1)', [SWEEP_LOCK]);
      // A busy morning's sweep hashes and sorts 100,000 due rows; in the default 4 MB they spill to disk
      // in batches (EXPLAIN ANALYZE at 1M households: 16 batches and external merges).
      await tx.query(`SET LOCAL work_mem = '64MB'`);
      // The claim's plan costs enough for JIT, whose compiling took ~0.2 s of a 100,000-due sweep and saved nothing.
      await tx.query('SET LOCAL jit = off');
      return fn(sweepStore(tx));
    });
}

/**
 * The visit claim, one statement: lock the due household_reminders rows (skipping rows a cadre holds), look
 * up each household's helper and village cadre by joins over the due set (not two subqueries a row), decide
 * which visit and call to remind (past due, someone to remind, not reminded in this period: `$3` ms each,
 * counted from the due time), and write that and the next look (`$2`) on the narrow rows in one update of
 * columns no index covers (025, 026: HOT). GREATEST skips a NULL reminded_until.
 */
const CLAIM_SQL = `
  WITH due AS (SELECT household_id AS id, GREATEST(remind_at, reminded_until) AS was,
         visit_reminded, visit_period, call_reminded, call_period FROM household_reminders
        WHERE remind_at <= $1 AND (reminded_until IS NULL OR reminded_until <= $1) FOR UPDATE SKIP LOCKED),
  moved AS (SELECT h.id, h.village_id, h.head_name, h.warning_score, d.was, d.visit_reminded, d.visit_period,
         d.call_reminded, d.call_period,
         CASE WHEN h.next_visit_due_at <= $1 THEN h.next_visit_due_at END AS visit,
         CASE WHEN h.next_call_due_at <= $1 THEN h.next_call_due_at END AS call
    FROM due d JOIN households h ON h.id = d.id),
  ${firstLinksSql('household', 'SELECT id FROM moved')},
  ${firstLinksSql('village', 'SELECT DISTINCT village_id FROM moved')},
  periods AS (SELECT m.*, hp.userid AS helper, vc.userid AS village_cadre,
         floor(extract(epoch FROM $1::timestamptz - m.visit)::float8 * 1000 / $3::float8)::int AS vp,
         floor(extract(epoch FROM $1::timestamptz - m.call)::float8 * 1000 / $3::float8)::int AS cp
    FROM moved m LEFT JOIN household_link hp ON hp.id = m.id LEFT JOIN village_link vc ON vc.id = m.village_id),
  sent AS MATERIALIZED (SELECT p.*,
         COALESCE(p.helper, p.village_cadre) IS NOT NULL AND p.visit IS NOT NULL
           AND (p.visit_reminded IS DISTINCT FROM p.visit OR p.visit_period < p.vp) AS remind_visit,
         COALESCE(p.helper, p.village_cadre) IS NOT NULL AND p.call IS NOT NULL
           AND (p.call_reminded IS DISTINCT FROM p.call OR p.call_period < p.cp) AS remind_call
    FROM periods p),
  claimed AS (UPDATE household_reminders r SET reminded_until = $2,
         visit_reminded = CASE WHEN s.remind_visit THEN s.visit ELSE r.visit_reminded END,
         visit_period = CASE WHEN s.remind_visit THEN s.vp ELSE r.visit_period END,
         call_reminded = CASE WHEN s.remind_call THEN s.call ELSE r.call_reminded END,
         call_period = CASE WHEN s.remind_call THEN s.cp ELSE r.call_period END
    FROM sent s WHERE r.household_id = s.id)
  SELECT s.id, s.head_name || '户（' || v.name || '）' AS who,
         CASE WHEN s.remind_visit THEN s.visit END AS "visitDueAt", CASE WHEN s.remind_call THEN s.call END AS "callDueAt",
         s.warning_score::int AS score, s.helper, s.village_cadre AS "villageCadre"
    FROM sent s JOIN villages v ON v.id = s.village_id
   ORDER BY s.was, s.id`;

/** The sweep port over one transaction: due rows come from indexes on remind_at (tasks, household_reminders). */
export function sweepStore(tx: Queryable): SweepStore {
  return {
    dueTasks: async (at, greenOnly) =>
      (
        await tx.query<DueTask>(
          `SELECT t.id, t.escalation_level AS level, COALESCE(t.next_due_at, t.remind_at) AS "dueAt", c.number, c.state, c.urgency = 'green' AS green,
              COALESCE(h.warning_score, 0)::int AS score,
              CASE WHEN h.id IS NULL THEN '未匹配农户（' || COALESCE(v.name, '') || '）' ELSE h.head_name || '户（' || v.name || '）' END AS who,
              t.cadre_userid AS holder, k.name AS "holderName",
              ${firstLinkSql('village', 'v.id')} AS "villageCadre", ${firstLinkSql('area', 'v.township_id')} AS leader
         FROM tasks t JOIN cases c ON c.id = t.case_id JOIN cadres k ON k.userid = t.cadre_userid
         LEFT JOIN households h ON h.id = c.household_id LEFT JOIN villages v ON v.id = COALESCE(h.village_id, c.village_id)
        WHERE t.state = 'open' AND t.remind_at <= $1 AND ($2 = false OR c.urgency = 'green')
        ORDER BY t.remind_at FOR UPDATE OF t SKIP LOCKED`,
          [at, greenOnly],
        )
      ).rows,

    claimDueHouseholds: async (at, everyMs) =>
      (await tx.query<DueHousehold>(CLAIM_SQL, [at, new Date(at.getTime() + everyMs), everyMs])).rows,

    dueProcedureSteps: (at) => dueProcedureSteps(tx, at),
    duties: dutySweepStore(tx),

    countyCadre: async () =>
      (
        await tx.query<{ userid: string }>(
          `SELECT userid FROM cadres WHERE role = 'county' AND active ORDER BY userid LIMIT 1`,
        )
      ).rows[0]?.userid ?? null,

    insertReminders: async (rows) => {
      if (!rows.length) return new Set();
      // Three text arrays parse far faster than 20,000 JSON objects. What comes back is the keys already
      // there (few: a sweep's keys are new but after a crash), not the 20,000 inserted.
      const keys = rows.map((r) => r.key);
      const { rows: there } = await tx.query<{ key: string }>(
        `WITH inserted AS (INSERT INTO reminders (key, item, cadre_userid, at)
           SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::timestamptz[])
           ON CONFLICT (key) DO NOTHING RETURNING key)
         SELECT key FROM unnest($1::text[]) AS k(key) WHERE key NOT IN (SELECT key FROM inserted)`,
        [keys, rows.map((r) => r.item), rows.map((r) => r.cadre), rows.map((r) => r.at.toISOString())],
      );
      const fresh = new Set(keys);
      for (const r of there) fresh.delete(r.key);
      return fresh;
    },

    advanceTasks: async (rows) => {
      if (!rows.length) return;
      await tx.query(
        `UPDATE tasks t SET escalation_level = r.level, remind_at = r.remind_at
           FROM jsonb_to_recordset($1::jsonb) AS r(id bigint, level int, remind_at timestamptz) WHERE t.id = r.id`,
        [JSON.stringify(rows.map((r) => ({ id: r.id, level: r.level, remind_at: r.remindAt })))],
      );
    },

    // An item's reminders are the keys from `item:` up to `item;` (';' follows ':'): a range of the
    // primary key, in byte order since 023 (reminders has no index on item). The range is read per item
    // (LATERAL, OFFSET 0): joined plainly, the planner hashes on item over a scan of the whole table.
    remindersOf: async (items) =>
      (
        await tx.query<{ item: string; key: string; name: string; at: Date }>(
          `SELECT r.item, r.key, COALESCE(k.name, r.cadre_userid) AS name, r.at
             FROM (SELECT DISTINCT unnest($1::text[]) AS item) i
             CROSS JOIN LATERAL (SELECT * FROM reminders WHERE key >= i.item || ':' AND key < i.item || ';' OFFSET 0) r
             LEFT JOIN cadres k ON k.userid = r.cadre_userid
            WHERE r.item = i.item
            ORDER BY r.at, r.key`,
          [items],
        )
      ).rows,

    staleWarningScores: (before, limit) => staleWarningScores(tx, before, limit),
    householdSignals: (ids, now) => householdSignals(tx, ids, now),
    saveWarningScores: (rows, at) => saveWarningScores(tx, rows, at),

    insertDigests: async (rows, at) => {
      if (!rows.length) return;
      await tx.query(
        `INSERT INTO digests (cadre_userid, content, created_at) SELECT cadre, content, $2 FROM jsonb_to_recordset($1::jsonb) AS r(cadre text, content text)`,
        [JSON.stringify(rows), at],
      );
    },
  };
}

/** A stored digest as the outbox sends it. */
const SELECT_DIGESTS = 'SELECT id, cadre_userid AS cadre, content FROM digests';

/** Digests not yet on the queue (this sweep's, or a crashed sweep's), oldest first, a page of ids at a time. */
export async function unqueuedDigests(db: Queryable): Promise<number[]> {
  const { rows } = await db.query<{ id: string }>(
    'SELECT id FROM digests WHERE queued_at IS NULL ORDER BY id LIMIT 10000',
  );
  return rows.map((r) => Number(r.id));
}

/** Digests by id (a queue-digests job's page). */
export async function digestsByIds(db: Queryable, ids: number[]): Promise<StoredDigest[]> {
  return (await db.query<StoredDigest>(`${SELECT_DIGESTS} WHERE id = ANY($1::bigint[]) ORDER BY id`, [ids])).rows;
}

export async function markDigestsQueued(db: Queryable, ids: number[]): Promise<void> {
  await db.query('UPDATE digests SET queued_at = now() WHERE id = ANY($1::bigint[])', [ids]);
}

/**
 * Puts households on their visit schedule (spread over the first interval by a hash of the id, so a
 * whole county is not due on one day). Only households with no due time yet.
 */
export async function scheduleUnscheduled(db: Queryable, policy: Policy, at: Date): Promise<number> {
  const p = visitPlans(policy);
  const { rows } = await db.query<{ n: number }>(
    `WITH s AS (
       UPDATE households SET
         next_visit_due_at = $1::timestamptz + make_interval(secs => 86400 * spread *
           CASE WHEN status = 'monitored' AND risk_open THEN $2::float8 WHEN status = 'monitored' THEN $3::float8 ELSE $4::float8 END),
         next_call_due_at = CASE WHEN status = 'lifted' THEN $1::timestamptz + make_interval(secs => 86400 * spread * $5::float8) END
       FROM (SELECT id AS sid, (abs(hashtext(id)) % 1000 + 1) / 1000.0 AS spread FROM households
              WHERE status <> 'ordinary' AND next_visit_due_at IS NULL AND next_call_due_at IS NULL) x
       WHERE id = x.sid RETURNING 1)
     SELECT count(*)::int AS n FROM s`,
    [at, p.openRisk.visitEveryDays, p.removedRisk.visitEveryDays, p.lifted.visitEveryDays, p.lifted.callEveryDays],
  );
  await db.query(
    `UPDATE households SET remind_at = LEAST(next_visit_due_at, next_call_due_at) WHERE remind_at IS NULL AND status <> 'ordinary'`,
  );
  return rows[0]!.n;
}

/** Digests waiting to be queued. */
export function digestQueueStore(db: Queryable): DigestQueueStore {
  return { unqueued: () => unqueuedDigests(db), markQueued: (ids) => markDigestsQueued(db, ids) };
}
