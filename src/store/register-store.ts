import type { RegisterMember, RegisterReads } from '../domain/ports/register.js';
import type { RegisterFilter, RegisterRow, RegisterStep } from '../domain/register/register.js';
import type { NoticeHousehold } from '../domain/register/village-notice.js';
import type { Queryable } from './db.js';
import { incomeStore } from './income-store.js';
import { measureStore } from './measure-store.js';
import { MONITORING_DATES_JOIN } from './monitoring-dates-sql.js';

// 纳入 and 风险消除 dates come from the audit log of the household's cases (the step that made them). A
// household counts as 风险已消除 only with a removal on record: one imported as 监测户 says nothing of it.
const ROWS = `
  SELECT h.id AS "householdId", h.head_name AS "headName", t.id AS "townshipId", t.name AS "townshipName",
         v.id AS "villageId", v.name AS "villageName", h.monitoring_kind AS category, d.included_at AS "includedAt",
         ARRAY(SELECT DISTINCT unnest(c.risk_types) FROM cases c
                WHERE c.household_id = h.id AND c.state NOT IN ('not_included', 'merged') ORDER BY 1) AS "riskTypes",
         (SELECT count(*)::int FROM members m WHERE m.household_id = h.id) AS persons,
         CASE WHEN NOT h.risk_open AND d.removed_at IS NOT NULL THEN 'removed' ELSE 'open' END AS state,
         CASE WHEN NOT h.risk_open THEN d.removed_at END AS "removedAt",
         (SELECT count(*)::int FROM measures ms WHERE ms.household_id = h.id AND ms.status <> 'void') AS measures,
         h.income_per_capita AS "latestIncome",
         (SELECT CASE p.kind WHEN 'exit' THEN '拟消除' ELSE '拟纳入' END || COALESCE('·' || p.step, '') FROM procedures p
           WHERE p.household_id = h.id AND p.status = 'open' ORDER BY p.id DESC LIMIT 1) AS procedure
    FROM households h JOIN villages v ON v.id = h.village_id JOIN townships t ON t.id = v.township_id
    ${MONITORING_DATES_JOIN}
   WHERE h.status = 'monitored' AND ($1::text IS NULL OR t.id = $1) AND ($2::text IS NULL OR v.id = $2)
     AND ($3::text IS NULL OR h.monitoring_kind = $3)`;

const STATE_SQL = `($4::text IS NULL OR r.state = $4)`;

/** The register's reads over a connection. */
export function registerStore(db: Queryable): RegisterReads {
  const rows = async (townshipId: string | null, f: RegisterFilter & { household?: string }) =>
    (
      await db.query<RegisterRow>(
        `SELECT * FROM (${ROWS} AND ($5::text IS NULL OR h.id = $5)) r WHERE ${STATE_SQL}
          ORDER BY r."townshipId", r."villageId", r."householdId"`,
        [townshipId ?? f.township ?? null, f.village ?? null, f.category ?? null, f.state ?? null, f.household ?? null],
      )
    ).rows;
  return {
    registerRows: (scope, f) => rows(scope.townshipId, f),

    registerHousehold: async (scope, householdId, now) => {
      const [row] = await rows(scope.townshipId, { household: householdId });
      if (!row) return null;
      const [members, measures, incomes, steps] = await Promise.all([
        db.query<RegisterMember>(
          `SELECT id, name, relation, sex, date_part('year', age($2::timestamptz, birth_date::timestamptz))::int AS age, labour, health,
                  schooling, disability, id_number AS "idNumber"
             FROM members WHERE household_id = $1 ORDER BY relation = '户主' DESC, birth_date NULLS LAST, id`,
          [householdId, now],
        ),
        measureStore(db).householdMeasures(householdId),
        incomeStore(db).incomeHistory(householdId),
        db.query<RegisterStep>(
          `SELECT a.at, a.actor, a.action AS what, c.number AS "caseNumber", a.note, a.from_state AS "fromState", a.to_state AS "toState"
             FROM audit_log a JOIN cases c ON a.entity = 'case' AND a.entity_id = c.id::text WHERE c.household_id = $1
           UNION ALL
           SELECT a.at, a.actor, a.action, NULL, a.note, a.from_state, a.to_state FROM audit_log a
            WHERE a.entity = 'household' AND a.entity_id = $1
           UNION ALL
           SELECT a.at, a.actor, a.action, NULL, a.note, a.from_state, a.to_state FROM audit_log a JOIN measures ms
               ON a.entity = 'measure' AND a.entity_id = ms.id::text WHERE ms.household_id = $1
           ORDER BY 1`,
          [householdId],
        ),
      ]);
      return {
        row,
        members: members.rows,
        measures,
        incomes,
        steps: steps.rows,
      };
    },

    registerPlaces: async (scope) => {
      const [townships, villages] = await Promise.all([
        db.query<{ id: string; name: string }>(
          'SELECT id, name FROM townships WHERE $1::text IS NULL OR id = $1 ORDER BY name, id',
          [scope.townshipId],
        ),
        db.query<{ id: string; townshipId: string; name: string }>(
          `SELECT id, township_id AS "townshipId", name FROM villages WHERE $1::text IS NULL OR township_id = $1 ORDER BY name, id`,
          [scope.townshipId],
        ),
      ]);
      return { townships: townships.rows, villages: villages.rows };
    },

    noticeVillage: async (scope, villageId) =>
      (
        await db.query<{ id: string; name: string; townshipName: string }>(
          `SELECT v.id, v.name, t.name AS "townshipName" FROM villages v JOIN townships t ON t.id = v.township_id
            WHERE v.id = $1 AND ($2::text IS NULL OR t.id = $2)`,
          [villageId, scope.townshipId],
        )
      ).rows[0] ?? null,

    noticeHouseholds: async (villageId, q) => {
      const head = `(SELECT m.id_number FROM members m WHERE m.household_id = h.id ORDER BY m.relation = '户主' DESC, m.id LIMIT 1)`;
      const persons = '(SELECT count(*)::int FROM members m WHERE m.household_id = h.id)';
      if (q.kind === 'notice')
        return (
          await db.query<NoticeHousehold>(
            `SELECT h.id AS "householdId", h.head_name AS "headName", ${head} AS "headIdNumber", ${persons} AS persons,
                    COALESCE(p.category, h.monitoring_kind) AS category, p.kind AS matter,
                    COALESCE((p.state->'notice'->>'startedAt')::timestamptz, p.updated_at) AS at,
                    CASE p.removal_mode WHEN 'assisted' THEN '帮扶消除' WHEN 'natural' THEN '自然消除' ELSE '' END AS "removalMode"
               FROM procedures p JOIN households h ON h.id = p.household_id
              WHERE h.village_id = $1 AND p.status = 'open' AND p.step = 'notice'`,
            [villageId],
          )
        ).rows;
      const rows = await registerStore(db).registerRows({ townshipId: null }, { village: villageId });
      const heads = await db.query<{ id: string; idNumber: string | null }>(
        `SELECT h.id, ${head} AS "idNumber" FROM households h WHERE h.id = ANY($1::text[])`,
        [rows.map((r) => r.householdId)],
      );
      const ids = new Map(heads.rows.map((r) => [r.id, r.idNumber]));
      const within = (d: Date | null): d is Date => d !== null && d >= q.from && d < q.to;
      const base = (r: RegisterRow) => ({
        householdId: r.householdId,
        headName: r.headName,
        headIdNumber: ids.get(r.householdId) ?? null,
        persons: r.persons,
        category: r.category,
      });
      return [
        ...rows
          .filter((r) => within(r.includedAt))
          .map((r) => ({ ...base(r), matter: 'identify' as const, at: r.includedAt!, removalMode: '' })),
        ...rows
          .filter((r) => within(r.removedAt))
          .map((r) => ({ ...base(r), matter: 'exit' as const, at: r.removedAt!, removalMode: '' })),
      ];
    },
  };
}
