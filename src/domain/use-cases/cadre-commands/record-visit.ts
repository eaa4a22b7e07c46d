import { maskSecrets } from '../../privacy.js';
import { dueAfterContact, visitPlan } from '../../schedule/visit-plan.js';
import { formatLocal } from '../../local-time.js';
import type { Command } from '../../cadre/command.js';
import type { CadreOutcome } from '../../ports/cadre.js';
import { answer, type CommandContext } from './command-context.js';

/** 走访 / 电话: a contact with a household in the cadre's charge moves its next due visit or call. */
export async function recordVisit(
  { store, actor, now, deps }: CommandContext,
  cmd: Extract<Command, { kind: 'visit' }>,
): Promise<CadreOutcome> {
  const found = await store.householdsInCharge(actor.userid, cmd.household);
  if (found.length === 0) return answer(`您负责的农户中没有找到「${cmd.household}」，请用户号或户主姓名。`);
  if (found.length > 1)
    return answer(
      `您负责的农户中有 ${found.length} 户叫「${cmd.household}」：${found.map((h) => `${h.headName}（${h.villageName}，户号 ${h.id}）`).join('、')}，请用户号。`,
    );
  const h = found[0]!;
  const note = maskSecrets(cmd.note).slice(0, 500);
  await store.insertVisit({
    householdId: h.id,
    cadre: actor.userid,
    kind: cmd.visitKind,
    note,
    at: now,
    due: dueAfterContact(cmd.visitKind, visitPlan(h, deps.policy), now),
  });
  if (cmd.income !== null)
    await store.updateHousehold(
      h.id,
      { income: cmd.income, incomeFrom: { source: cmd.visitKind, by: actor.userid, caseId: null, note } },
      now,
    );
  await store.audit({ actor: actor.userid, action: cmd.visitKind, entity: 'household', entityId: h.id, note, at: now });
  const what = cmd.visitKind === 'call' ? '电话联系' : '入户走访';
  return answer(
    `已记录 ${h.headName}户（${h.villageName}）的${what}，${formatLocal(now, deps.timeZone)}。${cmd.income !== null ? `人均纯收入更新为 ${cmd.income} 元。` : ''}`,
  );
}
