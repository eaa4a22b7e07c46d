import { isClosed } from '../../cases/case-lifecycle.js';
import type { CadreOutcome } from '../../ports/cadre.js';
import { caseStep } from './case-step.js';
import { answer, type CaseContext } from './command-context.js';
import { resolveCaseRef } from './resolve-case-ref.js';

/** 合并: a duplicate case of the same household is closed into another open one, which takes its evidence. */
export async function mergeCase(ctx: CaseContext, into: string): Promise<CadreOutcome> {
  const { c } = ctx;
  const ref = await resolveCaseRef(ctx, into);
  if (!ref.ok) return answer(ref.reply);
  const target = ref.number === c.number ? null : await ctx.store.caseByNumber(ref.number);
  if (!target) return answer(`没有找到要并入的编号 ${ref.number}（不能并入自己）。`);
  if (!c.householdId || target.householdId !== c.householdId)
    return answer(`只能合并同一户的事项：${c.number} 和 ${target.number} 不是同一户。`);
  if (isClosed(target.state)) return answer(`编号 ${target.number} 已办结，不能再并入。`);
  const out = await caseStep(ctx, 'merge', `并入 ${target.number}`);
  if (out.changed) await ctx.store.absorbCase(target.id, c.id, ctx.now);
  return out;
}
