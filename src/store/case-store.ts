import type { RiskType } from '../domain/policy.js';
import type { Urgency } from '../domain/triage/classify-report.js';
import type { TaskDeadlines } from '../domain/triage/deadlines.js';
import type { Queryable } from './db.js';

export interface OpenCase {
  id: number;
  number: string;
  riskTypes: RiskType[];
  urgency: Urgency;
}

export interface Evidence {
  inboxId: number;
  channel: string;
  text: string;
  at: string;
  refs?: Array<{ type: string; ref: string }>;
}

/** Open cases of a household, newest first; FOR UPDATE so two triage jobs can't both open one. */
export async function openCasesOf(db: Queryable, householdId: string): Promise<OpenCase[]> {
  const { rows } = await db.query<OpenCase>(
    `SELECT id, number, risk_types AS "riskTypes", urgency FROM cases
     WHERE household_id = $1 AND closed_at IS NULL ORDER BY opened_at DESC FOR UPDATE`,
    [householdId],
  );
  return rows;
}

export interface NewCase {
  householdId: string | null;
  villageId: string | null;
  riskTypes: RiskType[];
  urgency: Urgency;
  rulesFired: string[];
  summary: string;
  evidence: Evidence;
  matchMethod: string;
  reporter: string | null;
  at: Date;
}

/** Case numbers people can read out on the phone: SW + year + 6 digits. */
export async function insertCase(db: Queryable, c: NewCase): Promise<{ id: number; number: string }> {
  const { rows } = await db.query<{ id: number; number: string }>(
    `INSERT INTO cases (number, household_id, village_id, risk_types, urgency, state, rules_fired, summary, evidence, match_method, reporter, opened_at, updated_at)
     VALUES ('SW' || to_char($10::timestamptz AT TIME ZONE 'Asia/Shanghai', 'YYYY') || lpad(nextval('case_number_seq')::text, 6, '0'),
             $1, $2, $3::text[], $4, 'reported', $5::jsonb, $6, jsonb_build_array($7::jsonb), $8, $9, $10, $10)
     RETURNING id, number`,
    [c.householdId, c.villageId, c.riskTypes, c.urgency, JSON.stringify(c.rulesFired), c.summary, JSON.stringify(c.evidence), c.matchMethod, c.reporter, c.at],
  );
  return rows[0]!;
}

/** Another signal for an open case: evidence appended, types and rules united, urgency only raised. */
export async function mergeIntoCase(
  db: Queryable, caseId: number, add: { riskTypes: RiskType[]; urgency: Urgency; rulesFired: string[]; evidence: Evidence; at: Date },
): Promise<void> {
  await db.query(
    `UPDATE cases SET
       signals = signals + 1,
       evidence = evidence || jsonb_build_array($2::jsonb),
       risk_types = ARRAY(SELECT DISTINCT unnest(risk_types || $3::text[]) ORDER BY 1),
       rules_fired = rules_fired || $4::jsonb,
       urgency = CASE WHEN $5 = 'green' THEN 'green' ELSE urgency END,
       updated_at = $6
     WHERE id = $1`,
    [caseId, JSON.stringify(add.evidence), add.riskTypes, JSON.stringify(add.rulesFired), add.urgency, add.at],
  );
}

export interface CaseStateChange { state: string; closed: boolean; decision?: string; monitoringKind?: string; verification?: string }

/** The case's new lifecycle state, with what the step decided; closing sets closed_at. */
export async function setCaseState(db: Queryable, caseId: number, change: CaseStateChange, at: Date): Promise<void> {
  await db.query(
    `UPDATE cases SET state = $2, decision = COALESCE($3, decision), monitoring_kind = COALESCE($4, monitoring_kind),
       verification = COALESCE($5, verification), closed_at = CASE WHEN $6 THEN $7 ELSE closed_at END, updated_at = $7
     WHERE id = $1`,
    [caseId, change.state, change.decision ?? null, change.monitoringKind ?? null, change.verification ?? null, change.closed, at],
  );
}

/** The responsible cadre: the household's 帮扶责任人, else the village's 包村干部, else the 包片领导, else the county office. */
export async function responsibleCadre(db: Queryable, householdId: string | null, villageId: string | null): Promise<{ userid: string; level: string } | null> {
  const { rows } = await db.query<{ userid: string; level: string }>(
    `SELECT l.cadre_userid AS userid, l.kind AS level, CASE l.kind WHEN 'household' THEN 1 WHEN 'village' THEN 2 ELSE 3 END AS rank
       FROM links l JOIN cadres c ON c.userid = l.cadre_userid AND c.active
      WHERE (l.kind = 'household' AND l.target_id = $1)
         OR (l.kind = 'village' AND l.target_id = $2)
         OR (l.kind = 'area' AND l.target_id = (SELECT township_id FROM villages WHERE id = $2))
     UNION ALL
     SELECT userid, 'county', 4 FROM cadres WHERE role = 'county' AND active
     ORDER BY rank, userid LIMIT 1`,
    [householdId, villageId],
  );
  return rows[0] ?? null;
}

export interface NewTask { caseId: number; inboxId: number; cadre: string; deadlines: TaskDeadlines; at: Date }

export async function insertTask(db: Queryable, t: NewTask): Promise<number> {
  const { rows } = await db.query<{ id: number }>(
    `INSERT INTO tasks (case_id, inbox_id, cadre_userid, state, ack_due_at, verify_due_at, decide_due_at, next_due_at, remind_at, created_at, updated_at)
     VALUES ($1, $2, $3, 'open', $4, $5, $6, $4, $4, $7, $7) RETURNING id`,
    [t.caseId, t.inboxId, t.cadre, t.deadlines.ackDueAt, t.deadlines.verifyDueAt, t.deadlines.decideDueAt, t.at],
  );
  return rows[0]!.id;
}

export interface TaskNotice { taskId: number; cadre: string }

/** Tasks opened for one inbox item: each cadre gets the task's card. */
export async function tasksFromInbox(db: Queryable, inboxId: number): Promise<TaskNotice[]> {
  const { rows } = await db.query<TaskNotice>(
    'SELECT id AS "taskId", cadre_userid AS cadre FROM tasks WHERE inbox_id = $1 ORDER BY id', [inboxId],
  );
  return rows;
}
