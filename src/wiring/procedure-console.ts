import type { CadreDeps } from '../domain/ports/cadre.js';
import type { Outbox } from '../domain/ports/outbox.js';
import { runConsoleProcedureAction } from '../domain/use-cases/console-procedure-action.js';
import { showCaseProcedure } from '../domain/use-cases/show-case-procedure.js';
import { jobId } from '../queue/jobs.js';
import { procedureSection } from '../web/procedure-section.js';
import type { CaseSection, ConsoleDeps } from '../../handlers/console.js';

/** The case page's procedure section and its forms, over the cadre commands' ports. */
export function procedureConsole(
  cadre: CadreDeps,
  outbox: Outbox,
): { section: CaseSection; procedure: NonNullable<ConsoleDeps['procedure']> } {
  return {
    section: async (_viewer, view) =>
      procedureSection(view.case.number, await showCaseProcedure(cadre, view.case.id, new Date()), cadre.timeZone),
    procedure: {
      act: (viewer, number, action) => runConsoleProcedureAction(cadre, viewer, number, action, new Date()),
      deliver: async (out, key) => {
        await outbox.send([
          ...out.notices.map((n, i) => ({
            data: { kind: 'text' as const, touser: n.touser, content: n.content },
            jobId: jobId.cadreNote(`console-${key}-${i}`),
          })),
          ...(out.cards ?? []).map((c) => ({
            data: { kind: 'card' as const, touser: c.touser, card: c.card },
            jobId: jobId.procedureCard(c.key),
          })),
        ]);
        for (const v of out.villagers) await outbox.flushVillager(v);
      },
    },
  };
}
