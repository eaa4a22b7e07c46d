import type {
  ConsoleReads,
  HouseholdListRow,
  HouseholdQuery,
  HouseholdSort,
  ListPage,
  Scope,
} from '../domain/ports/console.js';
import { searchClause } from './console-search.js';
import type { Queryable } from './db.js';

const ORDER: Record<HouseholdSort, string> = {
  id: 'h.id',
  risk: 'h.warning_score DESC, h.id',
  income: 'h.income_per_capita ASC NULLS LAST, h.id',
  visit: 'h.next_visit_due_at ASC NULLS LAST, h.id',
};

/** The households working list: the viewer's township (the county: any), filtered, searched, one page. */
async function listHouseholds(db: Queryable, scope: Scope, q: HouseholdQuery): Promise<ListPage<HouseholdListRow>> {
  const args: unknown[] = [scope.townshipId ?? q.township ?? null, q.village ?? null, q.status ?? null];
  const where = `($1::text IS NULL OR v.township_id = $1) AND ($2::text IS NULL OR v.id = $2) AND ($3::text IS NULL OR h.status = $3)${searchClause(q.q, args)}`;
  const from = 'households h JOIN villages v ON v.id = h.village_id JOIN townships tw ON tw.id = v.township_id';
  const [rows, total] = await Promise.all([
    db.query<HouseholdListRow>(
      `SELECT h.id, h.head_name AS head, v.name AS village, tw.name AS township, h.status, h.monitoring_kind AS "monitoringKind",
              h.income_per_capita AS income, h.warning_score AS "warningScore", h.next_visit_due_at AS "nextVisitDueAt",
              (SELECT count(*)::int FROM members m WHERE m.household_id = h.id) AS members,
              (SELECT k.name FROM links l JOIN cadres k ON k.userid = l.cadre_userid
                WHERE l.kind = 'household' AND l.target_id = h.id ORDER BY l.cadre_userid LIMIT 1) AS helper,
              (SELECT count(*)::int FROM cases c WHERE c.household_id = h.id AND c.closed_at IS NULL) AS "openCases"
         FROM ${from} WHERE ${where}
        ORDER BY ${ORDER[q.sort]} LIMIT ${Number(q.pageSize)} OFFSET ${Number((q.page - 1) * q.pageSize)}`,
      args,
    ),
    db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${from} WHERE ${where}`, args),
  ]);
  return { rows: rows.rows, total: total.rows[0]?.n ?? 0 };
}

export function householdReads(db: Queryable): Pick<ConsoleReads, 'listHouseholds'> {
  return { listHouseholds: (scope, q) => listHouseholds(db, scope, q) };
}
