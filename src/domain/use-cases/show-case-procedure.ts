import { whoseTurn, type Procedure } from '../procedure/procedure.js';
import { overdueWarnings, procedureDueAt, stepDueAt } from '../procedure/procedure-deadlines.js';
import type { CadreDeps } from '../ports/cadre.js';
import type { ProcedureStepRecord } from '../ports/procedure.js';
import type { CadreRole } from '../types.js';

/** One procedure of a case as the console shows it. */
export interface ProcedureView {
  id: number;
  procedure: Procedure;
  steps: ProcedureStepRecord[];
  turn: readonly CadreRole[];
  stepDueAt: Date | null;
  dueAt: Date;
  /** Orange warnings: the running step or the whole procedure past its time. */
  overdue: string[];
}

/** The case's identification and exit procedures, newest first, with their record and deadlines. */
export async function showCaseProcedure(deps: CadreDeps, caseId: number, now: Date): Promise<ProcedureView[]> {
  return deps.transaction(async (store) => {
    const out: ProcedureView[] = [];
    for (const s of await store.procedures.proceduresOfCase(caseId)) {
      const p = s.procedure;
      out.push({
        id: s.id,
        procedure: p,
        steps: await store.procedures.steps(s.id),
        turn: whoseTurn(p, deps.policy),
        stepDueAt: stepDueAt(p, deps.policy, deps.timeZone),
        dueAt: procedureDueAt(p, deps.policy, deps.timeZone),
        overdue: overdueWarnings(p, now, deps.policy, deps.timeZone),
      });
    }
    return out;
  });
}
