import type { DutyHousehold, DutyRecordRow, DutySweepStore, PairDutyStore } from '../domain/ports/pair-duties.js';
import type { PairDuty } from '../domain/pair-duty/pair-duty-policy.js';
import { firstLinksSql } from './chain-sql.js';
import type { Queryable } from './db.js';

type Row = {
  householdId: string;
  duty: PairDuty | null;
  contact: 'visit' | 'call' | null;
  at: Date;
  cadreName: string | null;
};

/** The 8个一 records of many households (since `$2`) and their calls and visits (since `$3`), oldest first. */
const RECORDS_SQL = `
  SELECT * FROM (
    SELECT r.household_id AS "householdId", r.duty, NULL AS contact, r.at, k.name AS "cadreName"
      FROM pair_duty_records r LEFT JOIN cadres k ON k.userid = r.cadre_userid
     WHERE r.household_id = ANY($1::text[]) AND r.at >= $2
    UNION ALL
    SELECT x.household_id, NULL, x.kind, x.at, k.name
      FROM visits x LEFT JOIN cadres k ON k.userid = x.cadre_userid
     WHERE x.household_id = ANY($1::text[]) AND x.at >= $3) q
  ORDER BY at`;

const toDutyRecord = (r: Row): DutyRecordRow =>
  r.duty
    ? { duty: r.duty, at: new Date(r.at), cadreName: r.cadreName }
    : { contact: r.contact!, at: new Date(r.at), cadreName: r.cadreName };

/** The 8个一 records of many households, by household. */
export async function dutyRecordsOf(
  db: Queryable,
  householdIds: string[],
  since: { records: Date; contacts: Date },
): Promise<Map<string, DutyRecordRow[]>> {
  const out = new Map<string, DutyRecordRow[]>(householdIds.map((id) => [id, []]));
  if (!householdIds.length) return out;
  const { rows } = await db.query<Row>(RECORDS_SQL, [householdIds, since.records, since.contacts]);
  for (const r of rows) out.get(r.householdId)?.push(toDutyRecord(r));
  return out;
}

/** The 8个一 port over one transaction. */
export function pairDutyStore(tx: Queryable): PairDutyStore {
  return {
    dutyRecords: async (householdId, since) => (await dutyRecordsOf(tx, [householdId], since)).get(householdId) ?? [],
    dutyRecordsOf: (ids, since) => dutyRecordsOf(tx, ids, since),
    owedHouseholds: async (userid, statuses, limit) =>
      (
        await tx.query<{ id: string; headName: string; villageName: string }>(
          `WITH mine AS (
             SELECT target_id AS id FROM links WHERE kind = 'household' AND cadre_userid = $1
             UNION
             SELECT h.id FROM links l JOIN households h ON h.village_id = l.target_id
              WHERE l.kind = 'village' AND l.cadre_userid = $1
                AND NOT EXISTS (SELECT 1 FROM links x JOIN cadres k ON k.userid = x.cadre_userid AND k.active
                                 WHERE x.kind = 'household' AND x.target_id = h.id))
           SELECT h.id, h.head_name AS "headName", v.name AS "villageName"
             FROM mine JOIN households h ON h.id = mine.id JOIN villages v ON v.id = h.village_id
            WHERE h.status = ANY($2::text[]) ORDER BY h.id LIMIT $3`,
          [userid, statuses, limit],
        )
      ).rows,
    insertDutyRecord: async (r) =>
      (
        await tx.query(
          `INSERT INTO pair_duty_records (household_id, duty, period, cadre_userid, at, via, note)
           VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (household_id, duty, period) DO NOTHING RETURNING 1`,
          [r.householdId, r.duty, r.period, r.cadre, r.at, r.via, r.note],
        )
      ).rows.length === 1,
  };
}

/**
 * Up to `$3` households due a look: those past their time (`$1`) first, then those not on the schedule whose
 * status owes the duties (`$2`). Each reads a partial index of the narrow household_duty_reminders (022) and
 * locks only its rows; the second is not read at all when the first fills the limit.
 */
const DUTY_DUE_SQL = `
  WITH overdue AS MATERIALIZED (SELECT d.household_id AS id, d.remind_at FROM household_duty_reminders d
      WHERE d.remind_at <= $1 ORDER BY d.remind_at, d.household_id LIMIT $3 FOR UPDATE OF d SKIP LOCKED),
  unscheduled AS MATERIALIZED (SELECT d.household_id AS id, d.remind_at FROM household_duty_reminders d
      JOIN households h ON h.id = d.household_id
      WHERE d.remind_at IS NULL AND h.status <> 'ordinary' AND h.status = ANY($2::text[])
      ORDER BY d.household_id LIMIT $3 - (SELECT count(*) FROM overdue) FOR UPDATE OF d SKIP LOCKED),
  picked AS (SELECT * FROM overdue UNION ALL SELECT * FROM unscheduled),
  -- Each household by its key (OFFSET 0 keeps the planner from a hash join over all of households: at
  -- 1M households EXPLAIN ANALYZE gave 1.3-1.6 s for that against 0.5-0.6 s for 20,000 lookups).
  due AS (SELECT p.id, p.remind_at, h.village_id, h.head_name, h.status, h.warning_score, h.next_visit_due_at, h.next_call_due_at
    FROM picked p CROSS JOIN LATERAL (SELECT * FROM households h WHERE h.id = p.id OFFSET 0) h),
  ${firstLinksSql('household', 'SELECT id FROM due')},
  ${firstLinksSql('village', 'SELECT DISTINCT village_id FROM due')}
  SELECT d.id, d.head_name || '户（' || v.name || '，户号 ' || d.id || '）' AS who, d.status, d.warning_score::int AS score,
         COALESCE(hl.userid, vl.userid) AS cadre, d.next_visit_due_at AS "visitDueAt", d.next_call_due_at AS "callDueAt"
    FROM due d JOIN villages v ON v.id = d.village_id
    LEFT JOIN household_link hl ON hl.id = d.id LEFT JOIN village_link vl ON vl.id = d.village_id
   ORDER BY d.remind_at NULLS LAST, d.id`;

/** The sweep's 8个一 reads over its transaction: due rows through the partial indexes of household_duty_reminders. */
export function dutySweepStore(tx: Queryable): DutySweepStore {
  return {
    dutyHouseholds: async (at, statuses, limit) =>
      (await tx.query<DutyHousehold>(DUTY_DUE_SQL, [at, statuses, limit])).rows,
    dutyRecordsOf: (ids, since) => dutyRecordsOf(tx, ids, since),
    advanceDutyHouseholds: async (rows) => {
      if (!rows.length) return;
      await tx.query(
        `UPDATE household_duty_reminders d SET remind_at = r.remind_at
           FROM unnest($1::text[], $2::timestamptz[]) AS r(id, remind_at) WHERE d.household_id = r.id`,
        [rows.map((r) => r.id), rows.map((r) => r.remindAt?.toISOString() ?? null)],
      );
    },
  };
}
