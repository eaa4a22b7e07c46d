import { maskSecrets } from '../../privacy.js';
import { dueAfterContact, visitPlan } from '../../schedule/visit-plan.js';
import { formatLocal } from '../../local-time.js';
import type { Command } from '../../cadre/command.js';
import { riskLabels, visitCardId, visitReportCard } from '../../cadre/visit-card.js';
import type { CadreOutcome } from '../../ports/cadre.js';
import { classifyReport } from '../../triage/classify-report.js';
import { answer, type CommandContext } from './command-context.js';
import { householdInCharge } from './household-in-charge.js';

/**
 * 走访 / 电话: a contact with a household in the cadre's charge moves its next due visit or call. A note
 * that reads as a risk (the triage classifier) is offered for 上报: "发现风险，要上报吗？".
 */
export async function recordVisit(
  ctx: CommandContext,
  cmd: Extract<Command, { kind: 'visit' }>,
): Promise<CadreOutcome> {
  const { store, actor, now, deps } = ctx;
  const found = await householdInCharge(ctx, cmd.household);
  if ('refusal' in found) return answer(found.refusal);
  const { h } = found;
  const note = maskSecrets(cmd.note).slice(0, 500);
  const visitId = await store.insertVisit({
    householdId: h.id,
    cadre: actor.userid,
    kind: cmd.visitKind,
    note,
    at: now,
    // The income read on this visit decides whether the household is a 观察对象 from now on.
    due: dueAfterContact(
      cmd.visitKind,
      visitPlan({ ...h, incomePerCapita: cmd.income ?? h.incomePerCapita }, deps.policy),
      now,
    ),
  });
  if (cmd.income !== null)
    await store.updateHousehold(
      h.id,
      { income: cmd.income, incomeFrom: { source: cmd.visitKind, by: actor.userid, caseId: null, note } },
      now,
    );
  await store.audit({ actor: actor.userid, action: cmd.visitKind, entity: 'household', entityId: h.id, note, at: now });
  const what = cmd.visitKind === 'call' ? '电话联系' : '入户走访';
  const recorded = `已记录 ${h.headName}户（${h.villageName}）的${what}，${formatLocal(now, deps.timeZone)}。${cmd.income !== null ? `人均纯收入更新为 ${cmd.income} 元。` : ''}`;
  const risk = classifyReport({ text: note, householdStatus: h.status }, deps.policy);
  if (!risk.isReport || !risk.riskTypes.length) return answer(recorded);
  const card = visitReportCard({
    visitId,
    headName: h.headName,
    villageName: h.villageName,
    riskTypes: risk.riskTypes,
    note,
  });
  return answer(
    `${recorded}\n记录中读出风险：${riskLabels(risk.riskTypes)}。要上报请点卡片上的「上报」，或回复：上报 ${h.id} 情况`,
    { cards: [{ touser: actor.userid, card, key: visitCardId(visitId) }] },
  );
}
