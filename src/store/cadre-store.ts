import type {
  CadreRef,
  CadreStore,
  CaseRow,
  ContactDue,
  HouseholdPlace,
  HouseholdRef,
  TaskLine,
} from '../domain/ports/cadre.js';
import { writeAudit } from './audit-store.js';
import { responsibleCadres, setCaseState } from './case-store.js';
import { inChargeSql } from './chain-sql.js';
import { incomeStore } from './income-store.js';
import { measureStore } from './measure-store.js';
import { campaignItemStore } from './campaign-item-store.js';
import type { Queryable } from './db.js';
import { WARNING_HIGH } from '../domain/triage/warning-score.js';
import { transferTask } from './task-store.js';
import { caseRefStore } from './case-ref-store.js';
import { procedureStore } from './procedure-store.js';
import { batchCommandStore } from './card-batch-store.js';
import { cadreReportStore } from './cadre-report-store.js';
import { observationStore } from './observation-store.js';
import { pairDutyStore } from './pair-duty-store.js';
import { roundAnswerStore } from './round-answer-store.js';

const CADRE_COLUMNS = `userid, name, role, township_id AS "townshipId"`;
const RANK = { helper: 1, village: 2, township: 3, county: 4 } as const;

/** The cadre-command port over one transaction. */
export function cadreStore(tx: Queryable): CadreStore {
  const one = async <T>(sql: string, params: unknown[]) => (await tx.query<T>(sql, params)).rows[0] ?? null;
  return {
    ...caseRefStore(tx),
    plan: measureStore(tx),
    procedures: procedureStore(tx),
    pairDuties: pairDutyStore(tx),
    ...batchCommandStore(tx),
    ...cadreReportStore(tx),
    ...observationStore(tx),
    ...campaignItemStore(tx),
    ...roundAnswerStore(tx),
    cadre: (userid) => one<CadreRef>(`SELECT ${CADRE_COLUMNS} FROM cadres WHERE userid = $1 AND active`, [userid]),

    caseByNumber: (number) =>
      one<CaseRow>(
        `SELECT c.id, c.number, c.state, c.household_id AS "householdId", v.id AS "villageId", v.township_id AS "townshipId",
              h.head_name AS "headName", v.name AS "villageName", c.risk_types AS "riskTypes", c.reporter, h.income_per_capita AS "incomePerCapita",
              c.match_method AS "matchMethod", c.match_candidates AS candidates, c.urgency, c.opened_at AS "openedAt"
         FROM cases c LEFT JOIN households h ON h.id = c.household_id LEFT JOIN villages v ON v.id = COALESCE(h.village_id, c.village_id)
        WHERE c.number = $1 FOR UPDATE OF c`,
        [number.toUpperCase()],
      ),

    caseOfTask: (taskId) =>
      one(
        `SELECT c.number, t.state AS "taskState", t.cadre_userid AS cadre FROM tasks t JOIN cases c ON c.id = t.case_id WHERE t.id = $1`,
        [taskId],
      ),

    openTask: (caseId) =>
      one(`SELECT id, cadre_userid AS cadre FROM tasks WHERE case_id = $1 AND state = 'open'`, [caseId]),

    inCharge: async (userid, householdId, villageId) => {
      const row = await one<{ ok: boolean }>(
        `SELECT ${inChargeSql('$1', '$2', 'v.id', 'v.township_id')} AS ok
           FROM (SELECT 1) one LEFT JOIN villages v ON v.id = COALESCE((SELECT village_id FROM households WHERE id = $2), $3)`,
        [userid, householdId, villageId],
      );
      return !!row?.ok;
    },

    setCaseState: (caseId, change, at) => setCaseState(tx, caseId, change, at),

    updateHousehold: async (householdId, change, at) => {
      await tx.query(
        `UPDATE households SET income_per_capita = COALESCE($2, income_per_capita),
           status = CASE WHEN $3::text IS NULL THEN status ELSE 'monitored' END, monitoring_kind = COALESCE($3, monitoring_kind),
           risk_open = COALESCE($4, risk_open), updated_at = $5
         WHERE id = $1`,
        [householdId, change.income ?? null, change.monitoringKind ?? null, change.riskOpen ?? null, at],
      );
      // Each income a cadre records is kept with its date: the income history and the warning score read it.
      if (change.income != null)
        await incomeStore(tx).addIncome({
          householdId,
          yuan: change.income,
          at,
          source: change.incomeFrom?.source ?? 'cadre',
          by: change.incomeFrom?.by ?? null,
          caseId: change.incomeFrom?.caseId ?? null,
          note: change.incomeFrom?.note ?? '',
        });
      if (change.due) await setContactDue(tx, householdId, change.due);
    },

    absorbCase: async (targetId, sourceId, at) => {
      await tx.query(
        `UPDATE cases t SET evidence = t.evidence || s.evidence, signals = t.signals + s.signals,
           risk_types = ARRAY(SELECT DISTINCT unnest(t.risk_types || s.risk_types) ORDER BY 1), updated_at = $3
         FROM cases s WHERE t.id = $1 AND s.id = $2`,
        [targetId, sourceId, at],
      );
    },

    addMeasure: async (caseId, householdId, cadre, text, at) => {
      await tx.query(
        'INSERT INTO measures (case_id, household_id, cadre_userid, text, at, updated_at) VALUES ($1, $2, $3, $4, $5, $5)',
        [caseId, householdId, cadre, text, at],
      );
    },

    measures: async (caseId) =>
      (await tx.query<{ text: string }>('SELECT text FROM measures WHERE case_id = $1 ORDER BY id', [caseId])).rows.map(
        (r) => r.text,
      ),
    includedAt: async (caseId) =>
      (
        await tx.query<{ at: Date | null }>(
          `SELECT min(at) AS at FROM audit_log WHERE entity = 'case' AND entity_id = $1 AND action = 'include'`,
          [String(caseId)],
        )
      ).rows[0]?.at ?? null,

    hasLabour: async (householdId) =>
      (
        await one<{ ok: boolean | null }>(
          `SELECT CASE WHEN bool_or(labour IN ('full', 'partial')) THEN true WHEN count(labour) > 0 THEN false END AS ok
             FROM members WHERE household_id = $1`,
          [householdId],
        )
      )?.ok ?? null,

    setTaskStep: async (taskId, step, at) => {
      await tx.query(
        `UPDATE tasks SET
           review_due_at = COALESCE($3, review_due_at),
           next_due_at = CASE $2::text WHEN 'ack' THEN ack_due_at WHEN 'verify' THEN verify_due_at WHEN 'decide' THEN decide_due_at
                                       WHEN 'review' THEN COALESCE($3, review_due_at) END,
           remind_at = CASE $2::text WHEN 'ack' THEN ack_due_at WHEN 'verify' THEN verify_due_at WHEN 'decide' THEN decide_due_at
                                     WHEN 'review' THEN COALESCE($3, review_due_at) END,
           state = CASE WHEN $4 THEN 'done' ELSE state END, escalation_level = 0, updated_at = $5
         WHERE id = $1`,
        [taskId, step.clock, step.reviewDueAt ?? null, step.done, at],
      );
    },

    transferTask: (taskId, to, at) => transferTask(tx, taskId, to, at),

    findCadres: async (nameOrUserid) =>
      (
        await tx.query<CadreRef>(
          `SELECT ${CADRE_COLUMNS} FROM cadres WHERE active AND (userid = $1 OR name = $1) ORDER BY userid LIMIT 10`,
          [nameOrUserid],
        )
      ).rows,

    supervisor: (c, above) =>
      one<CadreRef>(
        `SELECT k.userid, k.name, k.role, k.township_id AS "townshipId" FROM (
         SELECT l.cadre_userid AS userid, CASE l.kind WHEN 'village' THEN 2 ELSE 3 END AS rank FROM links l
          WHERE (l.kind = 'village' AND l.target_id = $1) OR (l.kind = 'area' AND l.target_id = $2)
         UNION ALL SELECT userid, 4 FROM cadres WHERE role = 'county') up
       JOIN cadres k ON k.userid = up.userid AND k.active WHERE up.rank >= $3 ORDER BY up.rank, k.userid LIMIT 1`,
        [c.villageId, c.townshipId, RANK[above]],
      ),

    myTasks: async (userid, limit) => {
      const { rows } = await tx.query<TaskLine & { total: number }>(
        `SELECT c.number, c.state, c.urgency, c.kind, COALESCE(h.warning_score, 0)::int AS score, h.head_name AS "headName", v.name AS "villageName",
                t.next_due_at AS "nextDueAt", count(*) OVER ()::int AS total
           FROM tasks t JOIN cases c ON c.id = t.case_id
           LEFT JOIN households h ON h.id = c.household_id LEFT JOIN villages v ON v.id = COALESCE(h.village_id, c.village_id)
          WHERE t.cadre_userid = $1 AND t.state = 'open'
          ORDER BY c.urgency = 'green' DESC, COALESCE(h.warning_score, 0) >= $3 DESC, t.next_due_at ASC NULLS LAST,
                   COALESCE(h.warning_score, 0) DESC, t.id LIMIT $2`, // workOrder (warning-score.ts) in SQL
        [userid, limit, WARNING_HIGH],
      );
      return { lines: rows.map(({ total: _, ...line }) => line), total: rows[0]?.total ?? 0 };
    },

    householdsInCharge: async (userid, idOrName) =>
      (
        await tx.query<HouseholdRef>(
          `SELECT h.id, h.head_name AS "headName", v.name AS "villageName", h.status, h.risk_open AS "riskOpen",
                  h.income_per_capita AS "incomePerCapita" FROM households h JOIN villages v ON v.id = h.village_id
          WHERE (h.id = $2 OR h.head_name = $2) AND ${inChargeSql('$1', 'h.id', 'h.village_id', 'v.township_id')}
          ORDER BY h.id LIMIT 10`,
          [userid, idOrName],
        )
      ).rows,

    householdsInTownship: async (townshipId, idOrName) =>
      (
        await tx.query<HouseholdRef>(
          `SELECT h.id, h.head_name AS "headName", v.name AS "villageName", h.status, h.risk_open AS "riskOpen" FROM households h JOIN villages v ON v.id = h.village_id
          WHERE (h.id = $2 OR h.head_name = $2) AND ($1::text IS NULL OR v.township_id = $1)
          ORDER BY h.id LIMIT 10`,
          [townshipId, idOrName],
        )
      ).rows,

    insertVisit: async (v) => {
      // due_at: the deadline this contact met, read before it moves.
      const { rows } = await tx.query<{ id: string }>(
        `INSERT INTO visits (household_id, cadre_userid, kind, at, note, due_at)
         SELECT $1, $2, $3, $4, $5, CASE WHEN $3 = 'visit' THEN next_visit_due_at ELSE next_call_due_at END FROM households WHERE id = $1
         RETURNING id`,
        [v.householdId, v.cadre, v.kind, v.at, v.note],
      );
      await setContactDue(tx, v.householdId, v.due);
      return Number(rows[0]!.id);
    },

    queueVillagerUpdate: async (reporter, caseId, text, at) => {
      await tx.query(
        'INSERT INTO villager_updates (external_userid, case_id, text, created_at) VALUES ($1, $2, $3, $4)',
        [reporter, caseId, text, at],
      );
    },

    audit: (e) => writeAudit(tx, e),

    household: (id) =>
      one<HouseholdPlace>(
        `SELECT h.id, h.village_id AS "villageId", h.head_name AS "headName", v.name AS "villageName"
           FROM households h JOIN villages v ON v.id = h.village_id WHERE h.id = $1`,
        [id],
      ),

    linkCase: async (caseId, link, at) => {
      await tx.query(
        'UPDATE cases SET household_id = $2, village_id = COALESCE($3, village_id), match_method = $4, updated_at = $5 WHERE id = $1',
        [caseId, link.householdId, link.villageId, link.method, at],
      );
    },

    responsibleCadre: async (householdId, villageId) =>
      (await responsibleCadres(tx, [{ householdId, villageId }]))[0]?.userid ?? null,
  };
}

/** New next-visit / next-call times (undefined keeps one); the reminder clock follows the sooner. */
async function setContactDue(tx: Queryable, householdId: string, due: ContactDue): Promise<void> {
  await tx.query(
    `UPDATE households SET
       next_visit_due_at = CASE WHEN $2 THEN $3::timestamptz ELSE next_visit_due_at END,
       next_call_due_at = CASE WHEN $4 THEN $5::timestamptz ELSE next_call_due_at END,
       remind_at = LEAST(CASE WHEN $2 THEN $3::timestamptz ELSE next_visit_due_at END, CASE WHEN $4 THEN $5::timestamptz ELSE next_call_due_at END)
     WHERE id = $1`,
    [
      householdId,
      due.visitDueAt !== undefined,
      due.visitDueAt ?? null,
      due.callDueAt !== undefined,
      due.callDueAt ?? null,
    ],
  );
}
