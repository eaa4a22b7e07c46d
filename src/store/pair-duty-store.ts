import type { DutyHousehold, DutyRecordRow, DutySweepStore, PairDutyStore } from '../domain/ports/pair-duties.js';
import type { PairDuty } from '../domain/pair-duty/pair-duty-policy.js';
import { firstLinkSql } from './chain-sql.js';
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

/** The sweep's 8个一 reads over its transaction: due rows through the partial indexes on duty_remind_at. */
export function dutySweepStore(tx: Queryable): DutySweepStore {
  return {
    dutyHouseholds: async (at, statuses, limit) =>
      (
        await tx.query<DutyHousehold>(
          `SELECT h.id, h.head_name || '户（' || v.name || '，户号 ' || h.id || '）' AS who, h.status, h.warning_score::int AS score,
                COALESCE(${firstLinkSql('household', 'h.id')}, ${firstLinkSql('village', 'h.village_id')}) AS cadre,
                h.next_visit_due_at AS "visitDueAt", h.next_call_due_at AS "callDueAt"
           FROM households h JOIN villages v ON v.id = h.village_id
          WHERE h.duty_remind_at <= $1 OR (h.duty_remind_at IS NULL AND h.status <> 'ordinary' AND h.status = ANY($2::text[]))
          ORDER BY h.duty_remind_at NULLS LAST, h.id LIMIT $3 FOR UPDATE OF h SKIP LOCKED`,
          [at, statuses, limit],
        )
      ).rows,
    dutyRecordsOf: (ids, since) => dutyRecordsOf(tx, ids, since),
    advanceDutyHouseholds: async (rows) => {
      if (!rows.length) return;
      await tx.query(
        `UPDATE households h SET duty_remind_at = r.remind_at FROM jsonb_to_recordset($1::jsonb) AS r(id text, remind_at timestamptz) WHERE h.id = r.id`,
        [JSON.stringify(rows.map((r) => ({ id: r.id, remind_at: r.remindAt })))],
      );
    },
  };
}
