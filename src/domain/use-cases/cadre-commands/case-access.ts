import type { CadreOutcome, CaseRow, OpenTask } from '../../ports/cadre.js';
import {
  answer,
  type CaseCommand,
  type CaseContext,
  type CommandContext,
  type CommandHandler,
} from './command-context.js';
import { resolveCaseRef } from './resolve-case-ref.js';

/**
 * Wraps a case command's handler: reads the case reference (full number, last 4 digits or a list
 * position), finds the case (locked for the transaction) and lets only the task's holder or the chain in
 * charge of the household act; a refusal is audited.
 */
export function onCase<C extends CaseCommand>(
  run: (ctx: CaseContext, cmd: C) => Promise<CadreOutcome>,
): CommandHandler<C> {
  return async (ctx, cmd) => {
    const ref = await resolveCaseRef(ctx, cmd.number);
    if (!ref.ok) return answer(ref.reply);
    const found = await caseInCharge(ctx, ref.number, cmd.kind);
    return 'reply' in found ? answer(found.reply) : run({ ...ctx, ...found }, cmd);
  };
}

/** The case by its full number, locked, if the actor holds its task or is in charge of it (a refusal is audited). */
export async function caseInCharge(
  { store, actor, now }: CommandContext,
  number: string,
  what: string,
): Promise<{ c: CaseRow; task: OpenTask | null } | { reply: string }> {
  const c = await store.caseByNumber(number);
  if (!c) return { reply: `没有找到编号 ${number} 的事项，请核对编号（发送「我的任务」查看）。` };
  const task = await store.openTask(c.id);
  if (task?.cadre !== actor.userid && !(await store.inCharge(actor.userid, c.householdId, c.villageId))) {
    await store.audit({
      actor: actor.userid,
      action: 'refused',
      entity: 'case',
      entityId: String(c.id),
      note: `无权办理: ${what}`,
      at: now,
    });
    return { reply: `编号 ${c.number} 不在您负责的范围内，不能办理。如需协同，请联系该户的帮扶责任人或村干部。` };
  }
  return { c, task };
}
