import type { Measure } from '../domain/assistance/measure.js';
import type { PlanMember } from '../domain/assistance/suggest-measures.js';
import type { MeasureStore } from '../domain/ports/measures.js';
import type { Queryable } from './db.js';

export const MEASURE_COLUMNS = `m.id::int AS id, m.household_id AS "householdId", m.case_id::int AS "caseId", m.member_id AS "memberId",
  COALESCE(mem.name, m.member_name) AS "memberName", m.type, m.text AS detail, m.department,
  to_char(m.start_date, 'YYYY-MM-DD') AS "startDate", m.amount_yuan AS "amountYuan", m.status, m.effect,
  m.effect_note AS "effectNote", m.effect_at AS "effectAt", m.effect_by AS "effectBy", m.cadre_userid AS cadre, m.at,
  m.updated_at AS "updatedAt"`;
export const MEASURE_FROM = 'measures m LEFT JOIN members mem ON mem.id = m.member_id';

/** The measures port over a connection or a transaction. */
export function measureStore(db: Queryable): MeasureStore {
  const list = async (where: string, arg: unknown) =>
    (
      await db.query<Measure>(`SELECT ${MEASURE_COLUMNS} FROM ${MEASURE_FROM} WHERE ${where} ORDER BY m.at, m.id`, [
        arg,
      ])
    ).rows;
  return {
    addMeasure: async (m) => {
      const { rows } = await db.query<{ id: number }>(
        `INSERT INTO measures (household_id, case_id, member_id, member_name, type, text, department, start_date, amount_yuan,
                               status, cadre_userid, at, updated_at)
         VALUES ($1, $2, $3, COALESCE($4, (SELECT name FROM members WHERE id = $3)), $5, $6, $7, $8::date, $9, $10, $11, $12, $12)
         RETURNING id::int AS id`,
        [
          m.householdId,
          m.caseId,
          m.memberId,
          m.memberName ?? null,
          m.type,
          m.detail,
          m.department ?? '',
          m.startDate ?? null,
          m.amountYuan ?? null,
          m.status ?? 'planned',
          m.cadre,
          m.at,
        ],
      );
      return rows[0]!.id;
    },

    measure: async (id) =>
      (await db.query<Measure>(`SELECT ${MEASURE_COLUMNS} FROM ${MEASURE_FROM} WHERE m.id = $1`, [id])).rows[0] ?? null,

    householdMeasures: (householdId) => list('m.household_id = $1', householdId),
    caseMeasures: (caseId) => list('m.case_id = $1', caseId),

    updateMeasure: async (id, change, at) => {
      await db.query(
        `UPDATE measures SET status = COALESCE($2, status), department = COALESCE($3, department),
           start_date = CASE WHEN $4 THEN $5::date ELSE start_date END,
           amount_yuan = CASE WHEN $6 THEN $7::integer ELSE amount_yuan END, updated_at = $8
         WHERE id = $1`,
        [
          id,
          change.status ?? null,
          change.department ?? null,
          change.startDate !== undefined,
          change.startDate ?? null,
          change.amountYuan !== undefined,
          change.amountYuan ?? null,
          at,
        ],
      );
    },

    checkEffect: async (id, check, at) => {
      await db.query(
        'UPDATE measures SET effect = $2, effect_note = $3, effect_by = $4, effect_at = $5, updated_at = $5 WHERE id = $1',
        [id, check.effect, check.note, check.by, at],
      );
    },

    members: async (householdId, now) =>
      (
        await db.query<PlanMember>(
          `SELECT id, name, labour, date_part('year', age($2::timestamptz, birth_date::timestamptz))::int AS age,
                  schooling, health, disability
             FROM members WHERE household_id = $1 ORDER BY relation = '户主' DESC, id`,
          [householdId, now],
        )
      ).rows,
  };
}
