import type { IncomeRecord } from '../domain/assistance/income-record.js';
import type { IncomeHistoryStore } from '../domain/ports/income-history.js';
import type { Queryable } from './db.js';

export const INCOME_COLUMNS = `household_id AS "householdId", yuan, source, at, recorded_by AS by, case_id::int AS "caseId", note`;

/** The income-history port over a connection or a transaction. */
export function incomeStore(db: Queryable): IncomeHistoryStore {
  return {
    addIncome: async (r) => {
      await db.query(
        `INSERT INTO income_readings (household_id, yuan, source, at, recorded_by, case_id, note)
         VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [r.householdId, Math.round(r.yuan), r.source, r.at, r.by ?? null, r.caseId ?? null, r.note ?? ''],
      );
    },
    incomeHistory: async (householdId, since) =>
      (
        await db.query<IncomeRecord>(
          `SELECT ${INCOME_COLUMNS} FROM income_readings
            WHERE household_id = $1 AND ($2::timestamptz IS NULL OR at >= $2) ORDER BY at, id`,
          [householdId, since ?? null],
        )
      ).rows,
  };
}

/** Many households' histories at once (the register), oldest first each. */
export async function incomeHistories(db: Queryable, householdIds: string[]): Promise<Map<string, IncomeRecord[]>> {
  const out = new Map<string, IncomeRecord[]>(householdIds.map((id) => [id, []]));
  if (!householdIds.length) return out;
  const { rows } = await db.query<IncomeRecord>(
    `SELECT ${INCOME_COLUMNS} FROM income_readings WHERE household_id = ANY($1::text[]) ORDER BY at, id`,
    [householdIds],
  );
  for (const r of rows) out.get(r.householdId)?.push(r);
  return out;
}
