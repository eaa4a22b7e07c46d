import type { CadreDeps, CadreOutcome, CadreRef, CadreStore, CaseRow, OpenTask } from '../ports/cadre.js';
import { linkByTarget, reassignCase } from './relink-case.js';
import { noteCase, urgeCase } from './urge-case.js';

export type ConsoleCaseAction =
  | { kind: 'link'; target: string }
  | { kind: 'reassign'; to: string }
  | { kind: 'urge'; text: string }
  | { kind: 'note'; text: string };

/** The console viewer: county staff (townshipId null) or one township's staff. */
export interface ConsoleActor {
  label: string;
  townshipId: string | null;
}

/** What a console action works on: the case, its open task, the viewer as actor and a store scoped to them. */
export interface ConsoleCaseScope {
  store: CadreStore;
  actor: CadreRef;
  c: CaseRow;
  task: OpenTask | null;
}

/**
 * Runs a console action on one case in a transaction: the county, or the township the case is in, acting as
 * the top of its chain (null when the case is not in the viewer's township). The audit names the viewer.
 */
export function inConsoleCase<T>(
  deps: CadreDeps,
  viewer: ConsoleActor,
  number: string,
  act: (scope: ConsoleCaseScope) => Promise<T>,
): Promise<T | null> {
  return deps.transaction(async (store) => {
    const c = await store.caseByNumber(number);
    if (!c || (viewer.townshipId !== null && c.townshipId !== viewer.townshipId)) return null;
    const actor: CadreRef = {
      userid: `console:${viewer.label}`,
      name: viewer.label,
      role: viewer.townshipId ? 'township' : 'county',
      townshipId: viewer.townshipId,
    };
    // The scope was checked here (case in the viewer's township), not by the chain's links.
    const scoped: CadreStore = { ...store, inCharge: async () => true };
    return act({ store: scoped, actor, c, task: await store.openTask(c.id) });
  });
}

/**
 * 关联, 改派, 督办 and 备注 from the console's case page. The household is looked for within the viewer's
 * township (the county: anywhere).
 */
export async function runConsoleCaseAction(
  deps: CadreDeps,
  viewer: ConsoleActor,
  number: string,
  action: ConsoleCaseAction,
  now: Date,
): Promise<CadreOutcome | null> {
  return inConsoleCase(deps, viewer, number, async ({ store, actor, c, task }) => {
    const ctx = { store, actor, now };
    if (action.kind === 'reassign') return reassignCase(ctx, c, task, action.to, 'console');
    if (action.kind === 'urge') return urgeCase(ctx, c, task, action.text);
    if (action.kind === 'note') return noteCase(ctx, c, action.text);
    return linkByTarget(
      { ...ctx, find: (target) => store.householdsInTownship(viewer.townshipId, target) },
      c,
      task,
      action.target,
      'console',
    );
  });
}
