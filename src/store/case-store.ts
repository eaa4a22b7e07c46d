import type { CaseMerge, NewCase, NewTask, OpenCase, TaskNotice } from '../domain/ports/triage.js';
import type { Queryable } from './db.js';

// Batches go in as one JSON parameter (jsonb_to_recordset): one statement, whatever the batch size.
const json = (rows: unknown[]) => JSON.stringify(rows);

/** Locks the households in id order (two batches never deadlock on them), then their open cases, newest first. */
export async function openCasesOf(db: Queryable, householdIds: string[]): Promise<OpenCase[]> {
  await db.query('SELECT 1 FROM households WHERE id = ANY($1::text[]) ORDER BY id FOR UPDATE', [householdIds]);
  const { rows } = await db.query<OpenCase>(
    `SELECT id, number, household_id AS "householdId", risk_types AS "riskTypes", kind FROM cases
      WHERE household_id = ANY($1::text[]) AND closed_at IS NULL ORDER BY opened_at DESC, id DESC`,
    [householdIds],
  );
  return rows;
}

/** Case numbers people can read out on the phone: SW + year + 6 digits. Returned in the order given. */
export async function insertCases(db: Queryable, cases: NewCase[]): Promise<Array<{ id: number; number: string }>> {
  if (!cases.length) return [];
  const { rows } = await db.query<{ id: number; number: string; k: number }>(
    `INSERT INTO cases (kind, number, household_id, village_id, risk_types, urgency, state, signals, rules_fired, summary, evidence, match_method, match_candidates, reporter, opened_at, updated_at)
     SELECT r.kind, 'SW' || to_char(r.at AT TIME ZONE 'Asia/Shanghai', 'YYYY') || lpad(nextval('case_number_seq')::text, 6, '0'),
            r.household_id, r.village_id, ARRAY(SELECT jsonb_array_elements_text(r.risk_types)), r.urgency, r.state,
            jsonb_array_length(r.evidence), r.rules_fired, r.summary, r.evidence, r.match_method, r.match_candidates, r.reporter, r.at, r.at
       FROM jsonb_to_recordset($1::jsonb) AS r(kind text, household_id text, village_id text, risk_types jsonb, urgency text, state text,
            rules_fired jsonb, summary text, evidence jsonb, match_method text, match_candidates jsonb, reporter text, at timestamptz, k bigint)
      ORDER BY r.k
     RETURNING id, number, (evidence -> 0 ->> 'inboxId')::bigint AS k`,
    [
      json(
        cases.map((c, k) => ({
          k,
          kind: c.kind,
          household_id: c.householdId,
          village_id: c.villageId,
          risk_types: c.riskTypes,
          urgency: c.urgency,
          state: c.state,
          rules_fired: c.rulesFired,
          summary: c.summary,
          evidence: c.evidence,
          match_method: c.matchMethod,
          match_candidates: c.candidates,
          reporter: c.reporter,
          at: c.at,
        })),
      ),
    ],
  );
  // RETURNING has no promised order: each case is found again by its first report.
  const byReport = new Map(rows.map((r) => [Number(r.k), { id: r.id, number: r.number }]));
  return cases.map((c) => byReport.get(c.evidence[0]!.inboxId)!);
}

/** More signals for open cases: evidence appended, types and rules united, urgency only raised. */
export async function mergeIntoCases(db: Queryable, merges: CaseMerge[]): Promise<void> {
  if (!merges.length) return;
  await db.query(
    `UPDATE cases c SET
       signals = c.signals + jsonb_array_length(r.evidence),
       evidence = c.evidence || r.evidence,
       risk_types = ARRAY(SELECT DISTINCT unnest(c.risk_types || ARRAY(SELECT jsonb_array_elements_text(r.risk_types))) ORDER BY 1),
       rules_fired = c.rules_fired || r.rules_fired,
       urgency = CASE WHEN r.urgency = 'green' THEN 'green' ELSE c.urgency END,
       updated_at = r.at
     FROM jsonb_to_recordset($1::jsonb) AS r(case_id bigint, evidence jsonb, risk_types jsonb, rules_fired jsonb, urgency text, at timestamptz)
     WHERE c.id = r.case_id`,
    [
      json(
        merges.map((m) => ({
          case_id: m.caseId,
          evidence: m.evidence,
          risk_types: m.riskTypes,
          rules_fired: m.rulesFired,
          urgency: m.urgency,
          at: m.at,
        })),
      ),
    ],
  );
  const raised = merges.filter((m) => m.greenAckDueAt);
  if (!raised.length) return;
  // A case raised to green: its open task not yet 签收 (case still 'assigned') gets the green deadline,
  // and its reminder clock moves with it; a task past 签收 keeps its later clocks.
  await db.query(
    `UPDATE tasks t SET
       ack_due_at = LEAST(t.ack_due_at, r.ack),
       next_due_at = LEAST(t.next_due_at, r.ack),
       remind_at = LEAST(t.remind_at, r.ack),
       updated_at = r.at
     FROM jsonb_to_recordset($1::jsonb) AS r(case_id bigint, ack timestamptz, at timestamptz), cases c
     WHERE t.case_id = r.case_id AND c.id = r.case_id AND t.state = 'open' AND c.state = 'assigned'`,
    [json(raised.map((m) => ({ case_id: m.caseId, ack: m.greenAckDueAt, at: m.at })))],
  );
}

export interface CaseStateChange {
  state: string;
  closed: boolean;
  decision?: string;
  monitoringKind?: string;
  verification?: string;
}

/** The case's new lifecycle state, with what the step decided; closing sets closed_at. */
export async function setCaseState(db: Queryable, caseId: number, change: CaseStateChange, at: Date): Promise<void> {
  await db.query(
    `UPDATE cases SET state = $2, decision = COALESCE($3, decision), monitoring_kind = COALESCE($4, monitoring_kind),
       verification = COALESCE($5, verification), closed_at = CASE WHEN $6 THEN $7 ELSE closed_at END, updated_at = $7
     WHERE id = $1`,
    [
      caseId,
      change.state,
      change.decision ?? null,
      change.monitoringKind ?? null,
      change.verification ?? null,
      change.closed,
      at,
    ],
  );
}

/**
 * Each place's responsible cadre: the household's 帮扶责任人, else the village's 包村干部, else the
 * 包片领导, else the county office. In the order given.
 */
export async function responsibleCadres(
  db: Queryable,
  places: Array<{ householdId: string | null; villageId: string | null }>,
): Promise<Array<{ userid: string; level: string } | null>> {
  if (!places.length) return [];
  const { rows } = await db.query<{ k: number; userid: string | null; level: string | null }>(
    `SELECT p.k, r.userid, r.level
       FROM jsonb_to_recordset($1::jsonb) AS p(household_id text, village_id text, k bigint)
       LEFT JOIN LATERAL (
         SELECT l.cadre_userid AS userid, l.kind AS level, CASE l.kind WHEN 'household' THEN 1 WHEN 'village' THEN 2 ELSE 3 END AS rank
           FROM links l JOIN cadres c ON c.userid = l.cadre_userid AND c.active
          WHERE (l.kind = 'household' AND l.target_id = p.household_id)
             OR (l.kind = 'village' AND l.target_id = p.village_id)
             OR (l.kind = 'area' AND l.target_id = (SELECT township_id FROM villages WHERE id = p.village_id))
         UNION ALL
         SELECT userid, 'county', 4 FROM cadres WHERE role = 'county' AND active
         ORDER BY rank, userid LIMIT 1) r ON true
      ORDER BY p.k`,
    [json(places.map((p, k) => ({ k, household_id: p.householdId, village_id: p.villageId })))],
  );
  return rows.map((r) => (r.userid ? { userid: r.userid, level: r.level! } : null));
}

/** Inserts tasks; their ids in the order given. */
export async function insertTasks(db: Queryable, tasks: NewTask[]): Promise<number[]> {
  if (!tasks.length) return [];
  const { rows } = await db.query<{ id: number; case_id: number }>(
    `INSERT INTO tasks (case_id, inbox_id, cadre_userid, state, ack_due_at, verify_due_at, decide_due_at, next_due_at, remind_at, created_at, updated_at)
     SELECT r.case_id, r.inbox_id, r.cadre, 'open', r.ack, r.verify, r.decide, r.ack, r.ack, r.at, r.at
       FROM jsonb_to_recordset($1::jsonb) AS r(case_id bigint, inbox_id bigint, cadre text, ack timestamptz, verify timestamptz, decide timestamptz, at timestamptz)
     RETURNING id, case_id`,
    [
      json(
        tasks.map((t) => ({
          case_id: t.caseId,
          inbox_id: t.inboxId,
          cadre: t.cadre,
          ack: t.deadlines.ackDueAt,
          verify: t.deadlines.verifyDueAt,
          decide: t.deadlines.decideDueAt,
          at: t.at,
        })),
      ),
    ],
  );
  // One task per new case here, so the case finds it.
  const byCase = new Map(rows.map((r) => [Number(r.case_id), r.id]));
  return tasks.map((t) => byCase.get(t.caseId)!);
}

/** Tasks opened for these inbox items: each cadre gets the task's card. */
export async function tasksFromInbox(
  db: Queryable,
  inboxIds: number[],
): Promise<Array<TaskNotice & { inboxId: number }>> {
  const { rows } = await db.query<TaskNotice & { inboxId: string | number }>(
    'SELECT id AS "taskId", cadre_userid AS cadre, inbox_id AS "inboxId" FROM tasks WHERE inbox_id = ANY($1::bigint[]) ORDER BY id',
    [inboxIds],
  );
  return rows.map((r) => ({ ...r, inboxId: Number(r.inboxId) }));
}
