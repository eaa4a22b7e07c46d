import { MEASURE_LABEL, type MeasureType } from '../domain/assistance/measure.js';
import type { Procedure } from '../domain/procedure/procedure.js';
import type { ProcedureStepRecord, ProcedureStore, StoredProcedure } from '../domain/ports/procedure.js';
import type { DueProcedureStep } from '../domain/ports/sweep.js';
import { firstLinkSql } from './chain-sql.js';
import type { Queryable } from './db.js';

const COLUMNS = `id, case_id AS "caseId", seq, state, prior_status AS "priorStatus"`;
type Row = Omit<StoredProcedure, 'procedure'> & { state: Procedure };

/** The procedure value comes back from jsonb with its dates as strings. */
function revive(p: Procedure): Procedure {
  const d = (v: Date | string | null) => (v === null ? null : new Date(v));
  return {
    ...p,
    firstClueAt: d(p.firstClueAt)!,
    stepStartedAt: d(p.stepStartedAt)!,
    confirmedAt: d(p.confirmedAt),
    review: p.review ? { ...p.review, heldOn: d(p.review.heldOn)! } : null,
    notice: p.notice
      ? {
          startedAt: d(p.notice.startedAt)!,
          objections: p.notice.objections.map((o) => ({ ...o, raisedAt: d(o.raisedAt)!, resolvedAt: d(o.resolvedAt) })),
        }
      : null,
  };
}
const stored = ({ state, ...r }: Row): StoredProcedure => ({ ...r, procedure: revive(state) });

const columnsOf = (p: Procedure) => [
  p.status,
  p.status === 'open' ? (p.steps[p.at] ?? null) : null,
  p.green,
  p.category,
  p.override,
  p.removalMode,
  JSON.stringify(p),
  p.confirmedAt,
];

/** The procedure port over one transaction (tables of migration 013). */
export function procedureStore(tx: Queryable): ProcedureStore {
  return {
    openProcedure: async (caseId) => {
      const { rows } = await tx.query<Row>(
        `SELECT ${COLUMNS} FROM procedures WHERE case_id = $1 AND status = 'open' FOR UPDATE`,
        [caseId],
      );
      return rows[0] ? stored(rows[0]) : null;
    },

    procedureById: async (id) => {
      const { rows } = await tx.query<Row & { caseNumber: string }>(
        `SELECT p.id, p.case_id AS "caseId", p.seq, p.state, p.prior_status AS "priorStatus", c.number AS "caseNumber"
           FROM procedures p JOIN cases c ON c.id = p.case_id WHERE p.id = $1`,
        [id],
      );
      const r = rows[0];
      return r ? { ...stored(r), caseNumber: r.caseNumber } : null;
    },

    proceduresOfCase: async (caseId) =>
      (await tx.query<Row>(`SELECT ${COLUMNS} FROM procedures WHERE case_id = $1 ORDER BY id DESC`, [caseId])).rows.map(
        stored,
      ),

    insertProcedure: async (p, at) => {
      const { rows } = await tx.query<{ id: number }>(
        `INSERT INTO procedures (case_id, household_id, kind, status, step, green, category, category_override, removal_mode,
                                 state, confirmed_at, prior_status, step_due_at, due_at, started_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $15) RETURNING id`,
        [p.caseId, p.householdId, p.procedure.kind, ...columnsOf(p.procedure), p.priorStatus, p.stepDueAt, p.dueAt, at],
      );
      return Number(rows[0]!.id);
    },

    saveProcedure: async (id, p, due, at) => {
      const { rows } = await tx.query<{ seq: number }>(
        `UPDATE procedures SET status = $2, step = $3, green = $4, category = $5, category_override = $6, removal_mode = $7,
                state = $8, confirmed_at = $9, step_due_at = $10, seq = seq + 1, updated_at = $11::timestamptz,
                ended_at = CASE WHEN $2::text = 'open' THEN NULL ELSE $11::timestamptz END
          WHERE id = $1 RETURNING seq`,
        [id, ...columnsOf(p), due.stepDueAt, at],
      );
      return rows[0]!.seq;
    },

    addStep: async (procedureId, r) => {
      await tx.query(
        `INSERT INTO procedure_steps (procedure_id, step, action, actor, note, data, at) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [procedureId, r.step, r.action, r.actor, r.note, JSON.stringify(r.data ?? {}), r.at],
      );
    },

    steps: async (procedureId) =>
      (
        await tx.query<ProcedureStepRecord>(
          `SELECT step, action, actor, note, at FROM procedure_steps WHERE procedure_id = $1 ORDER BY id`,
          [procedureId],
        )
      ).rows,

    householdStatus: async (householdId) =>
      (
        await tx.query<{ status: 'ordinary' | 'lifted' | 'monitored' }>('SELECT status FROM households WHERE id = $1', [
          householdId,
        ])
      ).rows[0]?.status ?? null,

    incomeRecords: async (householdId) =>
      (
        await tx.query<{ at: Date; yuan: number; source: string }>(
          'SELECT at, yuan, source FROM income_readings WHERE household_id = $1 ORDER BY at',
          [householdId],
        )
      ).rows.map((r) => ({ ...r, yuan: Number(r.yuan) })),

    // In place = 落实中 or 已落实 (a 帮扶 line recorded in chat is 落实中); 计划 and 无效 are not.
    exitMeasures: async (_caseId, householdId) =>
      (
        await tx.query<{ type: string; text: string; status: string }>(
          `SELECT type, text, status FROM measures WHERE household_id = $1 ORDER BY id`,
          [householdId],
        )
      ).rows.map((r) => ({
        type: MEASURE_LABEL[r.type as MeasureType] ?? r.type,
        text: r.text,
        done: r.status === 'in_progress' || r.status === 'done',
      })),

    memberLabours: async (householdId) =>
      (
        await tx.query<{ labour: 'full' | 'partial' | 'lost' | 'none' | null }>(
          'SELECT labour FROM members WHERE household_id = $1',
          [householdId],
        )
      ).rows,

    revertHousehold: async (householdId, status, at) => {
      await tx.query(
        `UPDATE households SET status = $2, monitoring_kind = NULL, risk_open = false, updated_at = $3 WHERE id = $1`,
        [householdId, status === 'monitored' ? 'lifted' : status, at],
      );
    },

    cadreForRole: async (householdId, villageId, role) => {
      const chain = [
        firstLinkSql('household', 'p.hid'),
        firstLinkSql('village', 'p.vid'),
        firstLinkSql('area', '(SELECT township_id FROM villages WHERE id = p.vid)'),
        `(SELECT userid FROM cadres WHERE role = 'county' AND active ORDER BY userid LIMIT 1)`,
      ];
      const from = { helper: 0, village: 1, township: 2, county: 3 }[role];
      const { rows } = await tx.query<{ u: string | null }>(
        `SELECT COALESCE(${chain.slice(from).join(', ')}) AS u FROM (SELECT $1::text AS hid, $2::text AS vid) p`,
        [householdId, villageId],
      );
      return rows[0]?.u ?? null;
    },
  };
}

/** Open procedures whose running step is past its time, with the chain that may hold the step's role. */
export async function dueProcedureSteps(db: Queryable, at: Date): Promise<DueProcedureStep[]> {
  const { rows } = await db.query<DueProcedureStep>(
    `SELECT p.id, c.number, COALESCE(h.head_name || '户（' || v.name || '）', v.name, '') AS who, p.step, p.step_due_at AS "dueAt",
            p.green, COALESCE(h.warning_score, 0)::int AS score,
            ${firstLinkSql('household', 'p.household_id')} AS helper, ${firstLinkSql('village', 'v.id')} AS "villageCadre",
            ${firstLinkSql('area', 'v.township_id')} AS leader
       FROM procedures p JOIN cases c ON c.id = p.case_id
       LEFT JOIN households h ON h.id = p.household_id LEFT JOIN villages v ON v.id = COALESCE(h.village_id, c.village_id)
      WHERE p.status = 'open' AND p.step_due_at <= $1 ORDER BY p.step_due_at LIMIT 2000`,
    [at],
  );
  return rows;
}
