import type { CadreDeps, CadreOutcome } from '../ports/cadre.js';
import type { Command, ParsedCommand } from '../cadre/command.js';
import { HELP_TEXT, helpOn } from '../cadre/command-usage.js';
import { answer, type CommandContext, type CommandHandler } from './cadre-commands/command-context.js';
import { COMMAND_HANDLERS } from './cadre-commands/command-handlers.js';

/**
 * The answer to a command that needs no store (help, not understood, a bad format): nothing is locked,
 * audited or changed, so handling it twice only gives the same answer (whose job id sends it once).
 */
export function answerWithoutStore(cmd: PlainCommand): CadreOutcome {
  if (cmd.kind === 'invalid') return answer(`格式不对。用法：${cmd.usage}\n发送「帮助」查看全部指令。`);
  return answer(cmd.kind === 'help' && cmd.topic ? helpOn(cmd.topic) : HELP_TEXT);
}

type PlainCommand = Extract<ParsedCommand, { kind: 'unknown' | 'help' | 'invalid' }>;

export const needsNoStore = (cmd: ParsedCommand): cmd is PlainCommand =>
  cmd.kind === 'unknown' || cmd.kind === 'help' || cmd.kind === 'invalid';

/**
 * One cadre command, by text or by a card button, applied inside one transaction: who may act, what the
 * state machine allows, what changes, the audit row, and who hears about it. The handlers, one per
 * command family, are in cadre-commands/ and listed in COMMAND_HANDLERS.
 */
export async function runCadreCommand(
  deps: CadreDeps,
  userid: string,
  cmd: ParsedCommand,
  now: Date,
): Promise<CadreOutcome> {
  if (needsNoStore(cmd)) return answerWithoutStore(cmd);
  return deps.transaction(async (store) => {
    const actor = await store.cadre(userid);
    if (!actor) {
      await store.audit({
        actor: userid,
        action: 'refused',
        entity: 'cadre',
        entityId: userid,
        note: `未登记的成员: ${cmd.kind}`,
        at: now,
      });
      return answer('您好，您还不是守望平台登记的帮扶干部，暂时不能办理任务。如需开通请联系乡镇或县乡村振兴局。');
    }
    const ctx: CommandContext = { deps, store, actor, now };
    const handler = COMMAND_HANDLERS[cmd.kind] as CommandHandler<Command>;
    return handler(ctx, cmd);
  });
}
