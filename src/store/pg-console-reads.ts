import type {
  AuditRow,
  CaseDetail,
  CaseFilter,
  CaseListRow,
  CaseQuery,
  CaseSort,
  ConsoleReads,
  MemberRow,
  OverdueTask,
  OverdueVisit,
  Scope,
} from '../domain/ports/console.js';
import type { Queryable } from './db.js';
import { householdReads } from './pg-household-reads.js';
import { belowThreshold } from './signal-store.js';
import { searchClause } from './console-search.js';

/** The case's place: its household's village, else the village it was reported in. */
const CASE_FROM = `cases c LEFT JOIN households h ON h.id = c.household_id
  LEFT JOIN villages v ON v.id = COALESCE(h.village_id, c.village_id)
  LEFT JOIN tasks t ON t.case_id = c.id AND t.state = 'open' LEFT JOIN cadres k ON k.userid = t.cadre_userid`;

const CASE_ORDER: Record<CaseSort, string> = {
  newest: 'c.opened_at DESC, c.id DESC',
  deadline: 't.next_due_at ASC NULLS LAST, c.id',
  risk: 'h.warning_score DESC NULLS LAST, c.opened_at DESC, c.id DESC',
  age: 'c.opened_at ASC, c.id',
};

/** The WHERE of the case lists: the viewer's scope, the filter and the search, with their parameters. */
function caseWhere(scope: Scope, f: CaseFilter & { q?: string }, now: Date): { where: string; args: unknown[] } {
  const args: unknown[] = [
    scope.townshipId ?? f.township ?? null,
    f.village ?? null,
    f.type ?? null,
    f.urgency ?? null,
    f.state ?? null,
    f.overdue ?? false,
    now,
  ];
  const search = searchClause(f.q, args, { caseNumber: 'c.number' });
  return {
    where: `($1::text IS NULL OR v.township_id = $1) AND ($2::text IS NULL OR v.id = $2) AND ($3::text IS NULL OR $3 = ANY(c.risk_types))
        AND ($4::text IS NULL OR c.urgency = $4) AND ($5::text IS NULL OR c.state = $5) AND (NOT $6 OR t.next_due_at < $7)${search}`,
    args,
  };
}

async function listCases(db: Queryable, scope: Scope, q: CaseQuery, now: Date) {
  const { where, args } = caseWhere(scope, q, now);
  const [rows, total] = await Promise.all([
    db.query<CaseListRow>(
      `SELECT c.number, c.state, c.urgency, c.risk_types AS "riskTypes", h.id AS "householdId", h.head_name AS head, v.name AS village,
              v.township_id AS township, k.name AS holder, t.next_due_at AS "dueAt", c.opened_at AS "openedAt", c.signals,
              h.warning_score AS "warningScore"
         FROM ${CASE_FROM} WHERE ${where}
        ORDER BY ${CASE_ORDER[q.sort]} LIMIT ${Number(q.pageSize)} OFFSET ${Number((q.page - 1) * q.pageSize)}`,
      args,
    ),
    db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${CASE_FROM} WHERE ${where}`, args),
  ]);
  return { rows: rows.rows, total: total.rows[0]?.n ?? 0 };
}

async function caseDetail(db: Queryable, scope: Scope, number: string): Promise<CaseDetail | null> {
  const { rows } = await db.query<CaseDetail>(
    `SELECT c.id, c.number, c.kind, c.state, c.urgency, c.risk_types AS "riskTypes", c.summary, c.verification, c.decision, c.evidence,
            c.rules_fired AS "rulesFired", c.signals, c.match_method AS "matchMethod", c.opened_at AS "openedAt", c.closed_at AS "closedAt",
            h.id AS "householdId", h.head_name AS head, v.name AS village, v.township_id AS township, tw.name AS "townshipName",
            h.status, h.income_per_capita AS income,
            h.warning_score AS "warningScore", h.warning_reasons AS "warningReasons", h.warning_at AS "warningAt",
            k.name AS holder, k.role AS "holderRole", t.next_due_at AS "dueAt",
            (SELECT i.source FROM audit_log a JOIN inbox i ON i.id = substring(a.note from '^inbox (\\d+)')::bigint
              WHERE a.entity = 'case' AND a.entity_id = c.id::text AND a.action IN ('open-case', 'open-observation') LIMIT 1) AS source
       FROM ${CASE_FROM} LEFT JOIN townships tw ON tw.id = v.township_id
      WHERE c.number = $1 AND ($2::text IS NULL OR v.township_id = $2)`,
    [number, scope.townshipId],
  );
  return rows[0] ?? null;
}

/** The case's audit trail, oldest first, with actors' names and, for reports, where they came from. */
async function timelineOf(db: Queryable, caseId: number): Promise<AuditRow[]> {
  const { rows } = await db.query<AuditRow>(
    `SELECT a.at, a.actor, k.name AS "actorName", k.role AS "actorRole", a.action, a.from_state AS "fromState",
            a.to_state AS "toState", a.note, i.source
       FROM audit_log a LEFT JOIN cadres k ON k.userid = a.actor
       LEFT JOIN inbox i ON a.note ~ '^inbox \\d+' AND i.id = substring(a.note from '^inbox (\\d+)')::bigint
      WHERE a.entity = 'case' AND a.entity_id = $1 ORDER BY a.at, a.id`,
    [String(caseId)],
  );
  return rows;
}

async function overdueTasks(db: Queryable, scope: Scope, f: CaseFilter, now: Date): Promise<OverdueTask[]> {
  const { rows } = await db.query<OverdueTask>(
    `SELECT c.number, c.state, c.urgency, h.head_name AS head, v.name AS village, k.name AS holder, t.next_due_at AS "dueAt",
            t.escalation_level AS level
       FROM ${CASE_FROM}
      WHERE t.next_due_at < $1 AND ($2::text IS NULL OR v.township_id = $2) AND ($3::text IS NULL OR v.id = $3)
      ORDER BY t.next_due_at LIMIT 500`,
    [now, scope.townshipId ?? f.township ?? null, f.village ?? null],
  );
  return rows;
}

/** Households past their visit or call, longest overdue first, with the pair-helper responsible. */
async function overdueVisits(db: Queryable, scope: Scope, f: CaseFilter, now: Date): Promise<OverdueVisit[]> {
  const { rows } = await db.query<OverdueVisit>(
    `SELECT h.id AS "householdId", h.head_name AS head, v.name AS village, d.kind, d.due AS "dueAt",
            (SELECT k.name FROM links l JOIN cadres k ON k.userid = l.cadre_userid
              WHERE l.kind = 'household' AND l.target_id = h.id ORDER BY l.cadre_userid LIMIT 1) AS cadre
       FROM households h JOIN villages v ON v.id = h.village_id
       CROSS JOIN LATERAL (VALUES ('visit', h.next_visit_due_at), ('call', h.next_call_due_at)) AS d(kind, due)
      WHERE h.remind_at < $1 AND d.due < $1 AND ($2::text IS NULL OR v.township_id = $2) AND ($3::text IS NULL OR v.id = $3)
      ORDER BY d.due LIMIT 500`,
    [now, scope.townshipId ?? f.township ?? null, f.village ?? null],
  );
  return rows;
}

async function places(db: Queryable, scope: Scope) {
  const [townships, villages] = await Promise.all([
    db.query<{ id: string; name: string }>(
      'SELECT id, name FROM townships WHERE $1::text IS NULL OR id = $1 ORDER BY id',
      [scope.townshipId],
    ),
    db.query<{ id: string; name: string; townshipId: string }>(
      'SELECT id, name, township_id AS "townshipId" FROM villages WHERE $1::text IS NULL OR township_id = $1 ORDER BY id',
      [scope.townshipId],
    ),
  ]);
  return { townships: townships.rows, villages: villages.rows };
}

/** The console's reads (the ConsoleReads port) over one database. */
export function consoleReads(db: Queryable): ConsoleReads {
  return {
    listCases: (scope, q, now) => listCases(db, scope, q, now),
    caseDetail: (scope, number) => caseDetail(db, scope, number),
    membersOf: async (householdId) =>
      (
        await db.query<MemberRow>(
          `SELECT name, relation, id_number AS "idNumber", labour, disability, schooling FROM members WHERE household_id = $1 ORDER BY id`,
          [householdId],
        )
      ).rows,
    timelineOf: (caseId) => timelineOf(db, caseId),
    cadreNames: async (userids) => {
      if (!userids.length) return new Map();
      const { rows } = await db.query<{ userid: string; name: string; role: string }>(
        'SELECT userid, name, role FROM cadres WHERE userid = ANY($1::text[])',
        [userids],
      );
      return new Map(rows.map((r) => [r.userid, { name: r.name, role: r.role }]));
    },
    overdueTasks: (scope, f, now) => overdueTasks(db, scope, f, now),
    overdueVisits: (scope, f, now) => overdueVisits(db, scope, f, now),
    places: (scope) => places(db, scope),
    ...householdReads(db),
    belowThreshold: (scope, f) => belowThreshold(db, scope, f),
  };
}
