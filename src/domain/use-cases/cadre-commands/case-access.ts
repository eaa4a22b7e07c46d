import type { CadreOutcome } from '../../ports/cadre.js';
import { answer, type CaseCommand, type CaseContext, type CommandHandler } from './command-context.js';
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
    const { store, actor, now } = ctx;
    const ref = await resolveCaseRef(ctx, cmd.number);
    if (!ref.ok) return answer(ref.reply);
    const c = await store.caseByNumber(ref.number);
    if (!c) return answer(`没有找到编号 ${ref.number} 的事项，请核对编号（发送「我的任务」查看）。`);
    const task = await store.openTask(c.id);
    if (task?.cadre !== actor.userid && !(await store.inCharge(actor.userid, c.householdId, c.villageId))) {
      await store.audit({
        actor: actor.userid,
        action: 'refused',
        entity: 'case',
        entityId: String(c.id),
        note: `无权办理: ${cmd.kind}`,
        at: now,
      });
      return answer(`编号 ${c.number} 不在您负责的范围内，不能办理。如需协同，请联系该户的帮扶责任人或村干部。`);
    }
    return run({ ...ctx, c, task }, cmd);
  };
}
