import type { CaseHistory } from '../domain/import/national-history.js';
import type { Procedure } from '../domain/procedure/procedure.js';
import { MEASURE_NAME } from '../domain/register/national-layout.js';
import type { Queryable } from './db.js';

const json = (rows: unknown[]) => JSON.stringify(rows);
const NOTE = '导入：国家防返贫监测信息系统的监测记录';

/** The state a case with this record is in: 纳入 then 消除, 纳入 (帮扶中 with measures), or only核实 risks. */
const stateOf = (h: CaseHistory) =>
  h.removedAt ? 'risk_removed' : h.includedAt ? (h.measureTypes.length ? 'assisting' : 'included') : 'verified';

/** A done exit procedure as the procedure store keeps it, so the 风险消除方式 is on record. */
const exitDone = (h: CaseHistory): Procedure => ({
  kind: 'exit',
  green: false,
  steps: [],
  at: 0,
  status: 'done',
  category: null,
  override: null,
  removalMode: h.removalMode,
  firstClueAt: h.removedAt!,
  stepStartedAt: h.removedAt!,
  confirmedAt: h.removedAt,
  review: null,
  notice: null,
});

/**
 * Writes the monitoring records of households that have neither a case nor a measure here (the tables
 * the national export reads: cases, their include/remove_risk audit rows, exit procedures, measures).
 */
export async function recordHistories(db: Queryable, rows: CaseHistory[], actor: string): Promise<void> {
  if (!rows.length) return;
  const { rows: fresh } = await db.query<{ id: string }>(
    `SELECT h.id FROM households h WHERE h.id = ANY($1::text[])
        AND NOT EXISTS (SELECT 1 FROM cases c WHERE c.household_id = h.id)
        AND NOT EXISTS (SELECT 1 FROM measures m WHERE m.household_id = h.id)`,
    [rows.map((r) => r.householdId)],
  );
  const ids = new Set(fresh.map((r) => r.id));
  const todo = rows.filter((r) => ids.has(r.householdId));
  if (!todo.length) return;
  const withCase = todo.filter((h) => h.riskTypes.length || h.includedAt || h.removedAt);
  const { rows: made } = await db.query<{ id: string; household_id: string }>(
    `INSERT INTO cases (kind, number, household_id, village_id, risk_types, state, summary, match_method, reporter,
                        monitoring_kind, opened_at, closed_at, updated_at)
     SELECT 'case', 'SW' || to_char(COALESCE(r.included_at, r.removed_at, now()) AT TIME ZONE 'Asia/Shanghai', 'YYYY')
              || lpad(nextval('case_number_seq')::text, 6, '0'),
            r.household_id, h.village_id, ARRAY(SELECT jsonb_array_elements_text(r.risk_types)), r.state, $2, 'household_id', $3,
            CASE WHEN r.included_at IS NOT NULL THEN r.kind END, COALESCE(r.included_at, r.removed_at, now()),
            CASE WHEN r.state = 'verified' THEN now() ELSE r.removed_at END, now()
       FROM jsonb_to_recordset($1::jsonb) AS r(household_id text, risk_types jsonb, state text, kind text,
            included_at timestamptz, removed_at timestamptz)
       JOIN households h ON h.id = r.household_id
     RETURNING id::text, household_id`,
    [
      json(
        withCase.map((h) => ({
          household_id: h.householdId,
          risk_types: h.riskTypes,
          state: stateOf(h),
          kind: h.kind,
          included_at: h.includedAt,
          removed_at: h.removedAt,
        })),
      ),
      NOTE,
      actor,
    ],
  );
  const caseOf = new Map(made.map((r) => [r.household_id, r.id]));
  const audit = withCase.flatMap((h) => {
    const entity_id = caseOf.get(h.householdId)!;
    return [
      h.includedAt && { at: h.includedAt, action: 'include', entity_id, from_state: 'proposed', to_state: 'included' },
      h.removedAt && {
        at: h.removedAt,
        action: 'remove_risk',
        entity_id,
        from_state: 'removal_proposed',
        to_state: 'risk_removed',
      },
    ].filter(Boolean);
  });
  await db.query(
    `INSERT INTO audit_log (at, actor, action, entity, entity_id, from_state, to_state, note)
     SELECT r.at, $2, r.action, 'case', r.entity_id, r.from_state, r.to_state, $3
       FROM jsonb_to_recordset($1::jsonb) AS r(at timestamptz, action text, entity_id text, from_state text, to_state text)`,
    [json(audit), actor, NOTE],
  );
  const removed = withCase.filter((h) => h.removedAt);
  await db.query(
    `INSERT INTO procedures (case_id, household_id, kind, status, green, removal_mode, state, due_at, confirmed_at,
                             started_at, ended_at, updated_at)
     SELECT r.case_id, r.household_id, 'exit', 'done', false, r.mode, r.state, r.at, r.at, r.at, r.at, now()
       FROM jsonb_to_recordset($1::jsonb) AS r(case_id bigint, household_id text, mode text, state jsonb, at timestamptz)`,
    [
      json(
        removed.map((h) => ({
          case_id: caseOf.get(h.householdId),
          household_id: h.householdId,
          mode: h.removalMode,
          state: exitDone(h),
          at: h.removedAt,
        })),
      ),
    ],
  );
  await db.query(
    `INSERT INTO measures (case_id, household_id, cadre_userid, text, at, type, status, updated_at)
     SELECT r.case_id, r.household_id, $2, r.text, COALESCE(r.at, now()), r.type, 'in_progress', now()
       FROM jsonb_to_recordset($1::jsonb) AS r(case_id bigint, household_id text, text text, type text, at timestamptz)`,
    [
      json(
        todo.flatMap((h) =>
          h.measureTypes.map((type) => ({
            case_id: caseOf.get(h.householdId) ?? null,
            household_id: h.householdId,
            text: MEASURE_NAME[type],
            type,
            at: h.includedAt,
          })),
        ),
      ),
      actor,
    ],
  );
  // Under monitoring with the risk open until the record says it was removed.
  await db.query(`UPDATE households SET risk_open = true WHERE id = ANY($1::text[])`, [
    withCase.filter((h) => h.includedAt && !h.removedAt).map((h) => h.householdId),
  ]);
  await db.query(
    `INSERT INTO audit_log (actor, action, entity, entity_id, note) VALUES ($1, 'import-history', 'households', '*', $2)`,
    [actor, `${todo.length} 户监测记录（${made.length} 个案件）`],
  );
}
