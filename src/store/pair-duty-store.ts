import type { DutyRecordRow, PairDutyStore } from '../domain/ports/pair-duties.js';
import type { PairDuty } from '../domain/pair-duty/pair-duty-policy.js';
import type { Queryable } from './db.js';

type Row = { duty: PairDuty | null; contact: 'visit' | 'call' | null; at: Date; cadreName: string | null };
const RECORDS_SQL = `
  SELECT r.household_id AS "householdId", r.duty, NULL AS contact, r.at, k.name AS "cadreName" FROM pair_duty_records r LEFT JOIN cadres k ON k.userid = r.cadre_userid
   WHERE r.household_id = ANY($1::text[]) AND r.at >= $2
  UNION ALL
  SELECT x.household_id, NULL, x.kind, x.at, k.name FROM visits x LEFT JOIN cadres k ON k.userid = x.cadre_userid
   WHERE x.household_id = ANY($1::text[]) AND x.at >= $2`;

/** Rows of the records query (with the household, for reads of many) as the domain's records. */
export const toDutyRecord = (r: Row): DutyRecordRow =>
  r.duty
    ? { duty: r.duty, at: new Date(r.at), cadreName: r.cadreName }
    : { contact: r.contact!, at: new Date(r.at), cadreName: r.cadreName };

/** The 8个一 records of many households since an instant, by household, each oldest first. */
export async function dutyRecordsOf(
  db: Queryable,
  householdIds: string[],
  since: Date,
): Promise<Map<string, DutyRecordRow[]>> {
  const out = new Map<string, DutyRecordRow[]>(householdIds.map((id) => [id, []]));
  if (!householdIds.length) return out;
  const { rows } = await db.query<Row & { householdId: string }>(`SELECT * FROM (${RECORDS_SQL}) q ORDER BY at`, [
    householdIds,
    since,
  ]);
  for (const r of rows) out.get(r.householdId)?.push(toDutyRecord(r));
  return out;
}

/** The 8个一 port over one transaction. */
export function pairDutyStore(tx: Queryable): PairDutyStore {
  return {
    dutyRecords: async (householdId, since) => (await dutyRecordsOf(tx, [householdId], since)).get(householdId) ?? [],
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
