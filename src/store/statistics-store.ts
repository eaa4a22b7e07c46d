import type { StatisticsReads } from '../domain/ports/statistics.js';
import type {
  CaseFact,
  LiftedFact,
  OpenTaskFact,
  SignalFact,
  Township,
  WeekContacts,
} from '../domain/statistics/facts.js';
import type { Queryable } from './db.js';

const SCOPE = '($1::text IS NULL OR v.township_id = $1)';

// A case's steps are dated by its audit rows (the step that made them); the first clue is the earliest
// warning merged into it, or its opening. Merged cases live on in the case they joined.
const CASES = `
  SELECT c.id::int AS "caseId", c.household_id AS "householdId",
         (SELECT count(*)::int FROM members m WHERE m.household_id = c.household_id) AS persons,
         v.township_id AS "townshipId", c.risk_types AS "riskTypes", c.state,
         LEAST(c.opened_at, (SELECT min(s.at) FROM triage_signals s WHERE s.case_id = c.id)) AS "firstClueAt",
         a.ack AS "acknowledgedAt", a.ver AS "verifiedAt", a.inc AS "includedAt", a.rem AS "removedAt"
    FROM cases c LEFT JOIN households h ON h.id = c.household_id
    LEFT JOIN villages v ON v.id = COALESCE(c.village_id, h.village_id)
    LEFT JOIN LATERAL (
      SELECT min(at) FILTER (WHERE action = 'acknowledge') AS ack, min(at) FILTER (WHERE action = 'verify') AS ver,
             min(at) FILTER (WHERE action = 'include') AS inc, max(at) FILTER (WHERE action = 'remove_risk') AS rem
        FROM audit_log WHERE entity = 'case' AND entity_id = c.id::text) a ON true
   WHERE c.kind = 'case' AND c.state <> 'merged' AND ${SCOPE}`;

const SIGNALS = `
  SELECT s.channel, CASE WHEN s.channel = 'department' THEN s.source END AS department, s.verdict,
         s.case_id::int AS "caseId", v.township_id AS "townshipId", s.at
    FROM triage_signals s LEFT JOIN villages v ON v.id = s.village_id
   WHERE s.at >= $2 AND s.at < $3 AND ${SCOPE}`;

const OPEN_TASKS = `
  SELECT CASE c.state WHEN 'assigned' THEN 'ack' WHEN 'acknowledged' THEN 'verify' WHEN 'risk_removed' THEN 'review'
         ELSE 'decide' END AS step, t.next_due_at AS "dueAt", v.township_id AS "townshipId"
    FROM tasks t JOIN cases c ON c.id = t.case_id LEFT JOIN households h ON h.id = c.household_id
    LEFT JOIN villages v ON v.id = COALESCE(c.village_id, h.village_id)
   WHERE t.state = 'open' AND t.next_due_at IS NOT NULL AND ${SCOPE}`;

// As the weekly bulletin counts them: deadlines met (visits.due_at) and still pending on the household.
const WEEKS = `
  WITH w AS (SELECT g AS ws, g + interval '7 days' AS we
               FROM generate_series($2::timestamptz, $3::timestamptz - interval '1 second', interval '7 days') g),
       hh AS (SELECT h.id, h.next_visit_due_at AS nv, h.next_call_due_at AS nc
                FROM households h JOIN villages v ON v.id = h.village_id WHERE h.status <> 'ordinary' AND ${SCOPE}),
       x AS (SELECT x.due_at, x.at FROM visits x JOIN hh ON hh.id = x.household_id WHERE x.due_at >= $2 AND x.due_at < $3)
  SELECT w.ws AS "weekStart",
         ((SELECT count(*) FROM x WHERE x.due_at >= w.ws AND x.due_at < w.we)
          + (SELECT count(*) FROM hh WHERE hh.nv >= w.ws AND hh.nv < w.we)
          + (SELECT count(*) FROM hh WHERE hh.nc >= w.ws AND hh.nc < w.we))::int AS due,
         (SELECT count(*) FROM x WHERE x.due_at >= w.ws AND x.due_at < w.we AND x.at < w.we)::int AS done
    FROM w ORDER BY 1`;

const LIFTED = `
  SELECT h.id AS "householdId", h.head_name AS "headName", t.name AS "townshipName", v.name AS "villageName",
         h.income_per_capita AS income,
         (h.status = 'monitored' AND h.risk_open) OR EXISTS (
           SELECT 1 FROM cases c WHERE c.household_id = h.id
              AND c.state NOT IN ('not_included', 'merged', 'risk_removed', 'reviewed')) AS handled
    FROM households h JOIN villages v ON v.id = h.village_id JOIN townships t ON t.id = v.township_id
   WHERE (h.status = 'lifted' OR (h.status = 'monitored' AND NOT h.risk_open AND EXISTS (
           SELECT 1 FROM cases c JOIN audit_log a ON a.entity = 'case' AND a.entity_id = c.id::text
            WHERE c.household_id = h.id AND a.action = 'remove_risk'))) AND ${SCOPE}
   ORDER BY h.id`;

/** The statistics' reads over a connection. */
export function statisticsStore(db: Queryable): StatisticsReads {
  return {
    statisticsFacts: async ({ townshipId }, { from, to, weeksFrom }) => {
      const [townships, cases, signals, openTasks, weeks, lifted] = await Promise.all([
        db.query<Township>('SELECT t.id, t.name FROM townships t WHERE $1::text IS NULL OR t.id = $1 ORDER BY t.id', [
          townshipId,
        ]),
        db.query<CaseFact>(`${CASES} ORDER BY c.id`, [townshipId]),
        db.query<SignalFact>(`${SIGNALS} ORDER BY s.at`, [townshipId, from, to]),
        db.query<OpenTaskFact>(OPEN_TASKS, [townshipId]),
        db.query<WeekContacts>(WEEKS, [townshipId, weeksFrom, to]),
        db.query<LiftedFact>(LIFTED, [townshipId]),
      ]);
      return {
        townships: townships.rows,
        cases: cases.rows,
        signals: signals.rows,
        openTasks: openTasks.rows,
        weeks: weeks.rows,
        lifted: lifted.rows,
      };
    },
  };
}
