import type { ObservationStore, ObservedHousehold } from '../domain/ports/observation.js';
import { inChargeSql } from './chain-sql.js';
import type { Queryable } from './db.js';

/** The 观察名单 over one transaction. */
export function observationStore(tx: Queryable): ObservationStore {
  return {
    observedHouseholds: async (userid, lines, limit) => {
      const { rows } = await tx.query<ObservedHousehold & { total: string }>(
        `SELECT h.id, h.head_name AS "headName", v.name AS "villageName", o.number AS "observeCase",
                CASE WHEN h.income_per_capita >= $2 AND h.income_per_capita < $3 THEN h.income_per_capita
                     ELSE COALESCE(o.amount, h.income_per_capita) END AS "incomePerCapita",
                (SELECT max(x.at) FROM visits x WHERE x.household_id = h.id AND x.kind = 'visit') AS "lastVisitAt",
                count(*) OVER () AS total
           FROM households h JOIN villages v ON v.id = h.village_id
           LEFT JOIN LATERAL (
             SELECT c.number, (SELECT s.amount_yuan FROM triage_signals s WHERE s.case_id = c.id AND s.measure = 'income_per_capita'
                                ORDER BY s.at DESC LIMIT 1) AS amount
               FROM cases c WHERE c.household_id = h.id AND c.kind = 'observe' AND c.closed_at IS NULL ORDER BY c.id DESC LIMIT 1) o ON true
          WHERE h.status <> 'monitored'
            AND ((h.income_per_capita >= $2 AND h.income_per_capita < $3) OR o.number IS NOT NULL)
            AND ${inChargeSql('$1', 'h.id', 'h.village_id', 'v.township_id')}
          ORDER BY "lastVisitAt" ASC NULLS FIRST, h.id
          LIMIT $4`,
        [userid, lines.monitoring, lines.observation, limit],
      );
      return {
        rows: rows.map(({ total: _total, ...r }) => ({
          ...r,
          incomePerCapita: r.incomePerCapita === null ? null : Number(r.incomePerCapita),
          lastVisitAt: r.lastVisitAt ? new Date(r.lastVisitAt) : null,
        })),
        total: Number(rows[0]?.total ?? 0),
      };
    },
  };
}
