import type { ProcedureCommand } from '../cadre/procedure-command.js';
import type { CadreDeps, CadreOutcome } from '../ports/cadre.js';
import { procedureAction } from './cadre-commands/procedure-action.js';
import { type ConsoleActor, inConsoleCase } from './console-case-action.js';

/** What the console's procedure forms post: 通过 with a note, 退回 or 不通过 with a reason. */
export type ConsoleProcedureAction = { kind: 'pass'; note: string } | { kind: 'return' | 'reject'; reason: string };

/**
 * A procedure step from the console's case page: township staff act as 包片领导 (乡镇审核), county staff as
 * the county office (县级确认); the pure procedure checks the role and the step, the audit names the viewer.
 */
export async function runConsoleProcedureAction(
  deps: CadreDeps,
  viewer: ConsoleActor,
  number: string,
  action: ConsoleProcedureAction,
  now: Date,
): Promise<CadreOutcome | null> {
  return inConsoleCase(deps, viewer, number, ({ store, actor, c, task }) => {
    const cmd: ProcedureCommand =
      action.kind === 'pass'
        ? { kind: 'proc_pass', number, note: action.note }
        : { kind: action.kind === 'return' ? 'proc_return' : 'proc_reject', number, reason: action.reason };
    return procedureAction({ deps, store, actor, now, c, task }, cmd);
  });
}
