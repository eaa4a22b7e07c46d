import type { HouseholdRef } from '../../ports/cadre.js';
import type { CommandContext } from './command-context.js';

/**
 * The one household a cadre named (户号 or 户主姓名) among those in their charge, or the Chinese answer
 * saying why not: nobody by that name, or several (then the 户号 is needed).
 */
export async function householdInCharge(
  { store, actor }: CommandContext,
  idOrName: string,
): Promise<{ h: HouseholdRef } | { refusal: string }> {
  const found = await store.householdsInCharge(actor.userid, idOrName);
  if (found.length === 0) return { refusal: `您负责的农户中没有找到「${idOrName}」，请用户号或户主姓名。` };
  if (found.length > 1)
    return {
      refusal: `您负责的农户中有 ${found.length} 户叫「${idOrName}」：${found.map((h) => `${h.headName}（${h.villageName}，户号 ${h.id}）`).join('、')}，请用户号。`,
    };
  return { h: found[0]! };
}
