import type { CadreReportStore, VisitRow } from '../domain/ports/cadre-reports.js';
import type { Queryable } from './db.js';
import { insertInbox } from './inbox-store.js';

/** The inbox source of cadres' reports (干部排查): its rows go to triage like a department's. */
export const CADRE_REPORT_SOURCE = 'cadre';

export function cadreReportStore(tx: Queryable): CadreReportStore {
  return {
    storeCadreReport: (sourceMsgId, payload) => insertInbox(tx, { source: CADRE_REPORT_SOURCE, sourceMsgId, payload }),
    visitById: async (visitId) =>
      (
        await tx.query<VisitRow>(
          `SELECT id, household_id AS "householdId", cadre_userid AS cadre, note FROM visits WHERE id = $1`,
          [visitId],
        )
      ).rows[0] ?? null,
  };
}
