import type { ObservationStore, ObservedHousehold } from '../domain/ports/observation.js';
import { inChargeSql } from './chain-sql.js';
import type { Queryable } from './db.js';

/** The 观察名单 over one transaction. */
export function observationStore(tx: Queryable): ObservationStore {
  return {
    observedHouseholds: async (userid, lines, limit) => {
      const { rows } = await tx.query<ObservedHousehold & { total: string }>(
        `SELECT h.id, h.head_name AS "headName", v.name AS "villageName", h.income_per_capita AS "incomePerCapita",
                (SELECT max(x.at) FROM visits x WHERE x.household_id = h.id AND x.kind = 'visit') AS "lastVisitAt",
                count(*) OVER () AS total
           FROM households h JOIN villages v ON v.id = h.village_id
          WHERE h.status <> 'monitored' AND h.income_per_capita >= $2 AND h.income_per_capita < $3
            AND ${inChargeSql('$1', 'h.id', 'h.village_id', 'v.township_id')}
          ORDER BY "lastVisitAt" ASC NULLS FIRST, h.id
          LIMIT $4`,
        [userid, lines.monitoring, lines.observation, limit],
      );
      return {
        rows: rows.map(({ total: _total, ...r }) => ({
          ...r,
          lastVisitAt: r.lastVisitAt ? new Date(r.lastVisitAt) : null,
        })),
        total: Number(rows[0]?.total ?? 0),
      };
    },
  };
}
