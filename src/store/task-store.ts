import { suggestMeasures, suggestionLine } from '../domain/assistance/suggest-measures.js';
import type { RiskType } from '../domain/policy.js';
import { measureStore } from './measure-store.js';
import type { TaskView } from '../domain/cadre/task-card.js';
import { CHANNEL_LABEL, type Report } from '../domain/triage/report.js';
import type { Queryable } from './db.js';

/** The audit actions a card names as the last step (who did what when). */
const STEP_ACTIONS = [
  'acknowledge',
  'verify',
  'include',
  'exclude',
  'assist',
  'remove_risk',
  'review',
  'merge',
  'link',
  'link-none',
  'reassign',
  'transfer',
];

/** Everything a task card shows, read fresh so a resent or redrawn card shows the current state. */
export async function loadTaskView(db: Queryable, taskId: number): Promise<TaskView | null> {
  const { rows } = await db.query<TaskView & { channel: string; householdId: string | null }>(
    `SELECT t.id AS "taskId", c.household_id AS "householdId", t.state AS "taskState", t.cadre_userid AS cadre, c.number AS "caseNumber", c.state AS "caseState",
            c.urgency, c.kind, c.risk_types AS "riskTypes", c.rules_fired AS "rulesFired", h.head_name AS "headName", v.name AS "villageName",
            (SELECT m.id_number FROM members m WHERE m.household_id = h.id ORDER BY m.relation = '户主' DESC, m.id LIMIT 1) AS "headIdNumber",
            c.summary, COALESCE(c.evidence->0->>'channel', '') AS channel,
            CASE WHEN c.household_id IS NULL AND c.match_method = 'ambiguous' THEN c.match_candidates ELSE '[]' END AS candidates,
            t.ack_due_at AS "ackDueAt", t.verify_due_at AS "verifyDueAt", t.decide_due_at AS "decideDueAt", t.review_due_at AS "reviewDueAt",
            (SELECT json_build_object('name', COALESCE(k.name, a.actor), 'at', a.at, 'action', a.action)
               FROM audit_log a LEFT JOIN cadres k ON k.userid = a.actor
              WHERE a.entity = 'case' AND a.entity_id = c.id::text AND a.action = ANY($2::text[])
              ORDER BY a.id DESC LIMIT 1) AS "lastStep"
       FROM tasks t JOIN cases c ON c.id = t.case_id
       LEFT JOIN households h ON h.id = c.household_id LEFT JOIN villages v ON v.id = COALESCE(h.village_id, c.village_id)
      WHERE t.id = $1`,
    [taskId, STEP_ACTIONS],
  );
  const row = rows[0];
  if (!row) return null;
  const last = row.lastStep as unknown as { name: string; at: string; action: string } | null;
  const { householdId, ...view } = row;
  const suggestion =
    householdId && (row.caseState === 'included' || row.caseState === 'assisting')
      ? await planSuggestion(db, householdId, row.riskTypes)
      : '';
  return {
    ...view,
    ...(suggestion ? { suggestion } : {}),
    channel: CHANNEL_LABEL[row.channel as Report['channel']] ?? row.channel,
    lastStep: last ? { name: last.name, at: new Date(last.at), action: last.action } : null,
  };
}

/** 转交: the old task ends as transferred, a new open one carries the same deadlines to the colleague. */
export async function transferTask(db: Queryable, taskId: number, to: string, at: Date): Promise<number> {
  await db.query(
    `UPDATE tasks SET state = 'transferred', next_due_at = NULL, remind_at = NULL, updated_at = $2 WHERE id = $1`,
    [taskId, at],
  );
  const { rows } = await db.query<{ id: number }>(
    `INSERT INTO tasks (case_id, cadre_userid, state, ack_due_at, verify_due_at, decide_due_at, review_due_at, next_due_at, remind_at, created_at, updated_at)
     SELECT case_id, $2, 'open', ack_due_at, verify_due_at, decide_due_at, review_due_at, due, due, $3, $3
       FROM (SELECT t.*, CASE c.state WHEN 'assigned' THEN t.ack_due_at WHEN 'acknowledged' THEN t.verify_due_at WHEN 'verified' THEN t.decide_due_at
                                      WHEN 'risk_removed' THEN t.review_due_at END AS due
               FROM tasks t JOIN cases c ON c.id = t.case_id WHERE t.id = $1) t
     RETURNING id`,
    [taskId, to, at],
  );
  return rows[0]!.id;
}

/** What 一户一策 could add for the household, as one line for its card (the cadre decides; nothing is applied). */
async function planSuggestion(db: Queryable, householdId: string, riskTypes: RiskType[]): Promise<string> {
  const plan = measureStore(db);
  const [members, measures] = await Promise.all([
    plan.members(householdId, new Date()),
    plan.householdMeasures(householdId),
  ]);
  return suggestionLine(suggestMeasures({ riskTypes, members, measures }), 3);
}
