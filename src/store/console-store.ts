import type { Queryable } from './db.js';

/** Whose console this is: the county sees every township, a township's staff only their own. */
export interface Scope {
  townshipId: string | null;
}

export interface CaseFilter {
  township?: string;
  village?: string;
  type?: string;
  urgency?: string;
  state?: string;
  overdue?: boolean;
}

export interface CaseListRow {
  number: string;
  state: string;
  urgency: string;
  riskTypes: string[];
  head: string | null;
  village: string | null;
  township: string | null;
  holder: string | null;
  dueAt: Date | null;
  openedAt: Date;
  signals: number;
}

/** The case's place: its household's village, else the village it was reported in. */
const CASE_FROM = `cases c LEFT JOIN households h ON h.id = c.household_id
  LEFT JOIN villages v ON v.id = COALESCE(h.village_id, c.village_id)
  LEFT JOIN tasks t ON t.case_id = c.id AND t.state = 'open' LEFT JOIN cadres k ON k.userid = t.cadre_userid`;

/** Cases matching the filter within the viewer's scope, newest first (at most `limit`). */
export async function listCases(
  db: Queryable,
  scope: Scope,
  f: CaseFilter,
  now: Date,
  limit = 200,
): Promise<CaseListRow[]> {
  const township = scope.townshipId ?? f.township ?? null;
  return (
    await db.query<CaseListRow>(
      `SELECT c.number, c.state, c.urgency, c.risk_types AS "riskTypes", h.head_name AS head, v.name AS village, v.township_id AS township,
            k.name AS holder, t.next_due_at AS "dueAt", c.opened_at AS "openedAt", c.signals
       FROM ${CASE_FROM}
      WHERE ($1::text IS NULL OR v.township_id = $1) AND ($2::text IS NULL OR v.id = $2) AND ($3::text IS NULL OR $3 = ANY(c.risk_types))
        AND ($4::text IS NULL OR c.urgency = $4) AND ($5::text IS NULL OR c.state = $5) AND (NOT $6 OR t.next_due_at < $7)
      ORDER BY c.opened_at DESC, c.id DESC LIMIT $8`,
      [township, f.village ?? null, f.type ?? null, f.urgency ?? null, f.state ?? null, f.overdue ?? false, now, limit],
    )
  ).rows;
}

export interface CaseDetail {
  id: number;
  number: string;
  /** case, or observe (观察: a lighter item). */
  kind: string;
  state: string;
  urgency: string;
  riskTypes: string[];
  summary: string;
  verification: string | null;
  decision: string | null;
  evidence: unknown[];
  rulesFired: unknown[];
  signals: number;
  matchMethod: string;
  openedAt: Date;
  closedAt: Date | null;
  householdId: string | null;
  head: string | null;
  village: string | null;
  township: string | null;
  status: string | null;
  income: number | null;
  /** The household's early-warning score and its reasons (see warningScore). */
  warningScore: number | null;
  warningReasons: Array<{ part: string; points: number; text: string }> | null;
  warningAt: Date | null;
  holder: string | null;
  dueAt: Date | null;
}

export async function caseDetail(db: Queryable, scope: Scope, number: string): Promise<CaseDetail | null> {
  const { rows } = await db.query<CaseDetail>(
    `SELECT c.id, c.number, c.kind, c.state, c.urgency, c.risk_types AS "riskTypes", c.summary, c.verification, c.decision, c.evidence,
            c.rules_fired AS "rulesFired", c.signals, c.match_method AS "matchMethod", c.opened_at AS "openedAt", c.closed_at AS "closedAt",
            h.id AS "householdId", h.head_name AS head, v.name AS village, v.township_id AS township, h.status, h.income_per_capita AS income,
            h.warning_score AS "warningScore", h.warning_reasons AS "warningReasons", h.warning_at AS "warningAt",
            k.name AS holder, t.next_due_at AS "dueAt"
       FROM ${CASE_FROM} WHERE c.number = $1 AND ($2::text IS NULL OR v.township_id = $2)`,
    [number, scope.townshipId],
  );
  return rows[0] ?? null;
}

export async function membersOf(db: Queryable, householdId: string) {
  return (
    await db.query<{
      name: string;
      relation: string;
      idNumber: string;
      labour: string;
      disability: string;
      schooling: string;
    }>(
      `SELECT name, relation, id_number AS "idNumber", labour, disability, schooling FROM members WHERE household_id = $1 ORDER BY id`,
      [householdId],
    )
  ).rows;
}

/** The case's audit trail, oldest first, with actors' names. */
export async function timelineOf(db: Queryable, caseId: number) {
  return (
    await db.query<{
      at: Date;
      actor: string;
      action: string;
      fromState: string | null;
      toState: string | null;
      note: string;
    }>(
      `SELECT a.at, COALESCE(k.name, a.actor) AS actor, a.action, a.from_state AS "fromState", a.to_state AS "toState", a.note
       FROM audit_log a LEFT JOIN cadres k ON k.userid = a.actor WHERE a.entity = 'case' AND a.entity_id = $1 ORDER BY a.at, a.id`,
      [String(caseId)],
    )
  ).rows;
}

export interface OverdueTask {
  number: string;
  state: string;
  urgency: string;
  head: string | null;
  village: string | null;
  holder: string | null;
  dueAt: Date;
  level: number;
}
export interface OverdueVisit {
  householdId: string;
  head: string;
  village: string;
  kind: 'visit' | 'call';
  dueAt: Date;
  cadre: string | null;
}

/** Open tasks past their time limit, longest overdue first. */
export async function overdueTasks(
  db: Queryable,
  scope: Scope,
  f: CaseFilter,
  now: Date,
  limit = 500,
): Promise<OverdueTask[]> {
  return (
    await db.query<OverdueTask>(
      `SELECT c.number, c.state, c.urgency, h.head_name AS head, v.name AS village, k.name AS holder, t.next_due_at AS "dueAt", t.escalation_level AS level
       FROM ${CASE_FROM}
      WHERE t.next_due_at < $1 AND ($2::text IS NULL OR v.township_id = $2) AND ($3::text IS NULL OR v.id = $3)
      ORDER BY t.next_due_at LIMIT $4`,
      [now, scope.townshipId ?? f.township ?? null, f.village ?? null, limit],
    )
  ).rows;
}

/** Households past their visit or call, longest overdue first, with the pair-helper responsible. */
export async function overdueVisits(
  db: Queryable,
  scope: Scope,
  f: CaseFilter,
  now: Date,
  limit = 500,
): Promise<OverdueVisit[]> {
  return (
    await db.query<OverdueVisit>(
      `SELECT h.id AS "householdId", h.head_name AS head, v.name AS village, d.kind, d.due AS "dueAt",
            (SELECT k.name FROM links l JOIN cadres k ON k.userid = l.cadre_userid WHERE l.kind = 'household' AND l.target_id = h.id ORDER BY l.cadre_userid LIMIT 1) AS cadre
       FROM households h JOIN villages v ON v.id = h.village_id
       CROSS JOIN LATERAL (VALUES ('visit', h.next_visit_due_at), ('call', h.next_call_due_at)) AS d(kind, due)
      WHERE h.remind_at < $1 AND d.due < $1 AND ($2::text IS NULL OR v.township_id = $2) AND ($3::text IS NULL OR v.id = $3)
      ORDER BY d.due LIMIT $4`,
      [now, scope.townshipId ?? f.township ?? null, f.village ?? null, limit],
    )
  ).rows;
}

export async function placesOf(db: Queryable, scope: Scope) {
  const townships = (
    await db.query<{ id: string; name: string }>(
      'SELECT id, name FROM townships WHERE $1::text IS NULL OR id = $1 ORDER BY id',
      [scope.townshipId],
    )
  ).rows;
  const villages = (
    await db.query<{ id: string; name: string; townshipId: string }>(
      'SELECT id, name, township_id AS "townshipId" FROM villages WHERE $1::text IS NULL OR township_id = $1 ORDER BY id',
      [scope.townshipId],
    )
  ).rows;
  return { townships, villages };
}
