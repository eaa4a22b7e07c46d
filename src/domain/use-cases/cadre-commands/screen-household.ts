import { readScreeningAnswer } from '../../campaign/campaign.js';
import { outstandingText } from '../../campaign/campaign-notice.js';
import type { Command } from '../../cadre/command.js';
import { riskLabels } from '../../cadre/visit-card.js';
import type { CadreOutcome } from '../../ports/cadre.js';
import { classifyReport } from '../../triage/classify-report.js';
import { applyScreenings, screeningChange } from '../record-screening.js';
import { answer, type CommandContext } from './command-context.js';

const LIST_LIMIT = 30;

async function leftText({ store, actor }: CommandContext): Promise<string> {
  const left = (await store.outstandingFor(actor.userid, 1)).reduce((n, c) => n + c.total, 0);
  return left ? `您还有 ${left} 户没有排查，发送「排查」查看名单。` : '您负责的农户已全部排查完毕，谢谢！';
}

/** 排查 alone: the cadre's households not screened yet, campaign by campaign. */
export async function listScreening({ store, actor, deps }: CommandContext): Promise<CadreOutcome> {
  return answer(outstandingText(await store.outstandingFor(actor.userid, LIST_LIMIT), deps.timeZone));
}

/**
 * 排查 户号或户主姓名 结果: one household's result in its campaign (the newest one still waiting for it, else
 * the newest: a second answer corrects the first). A household in the cadre's charge along the chain may be
 * answered by any of its cadres; a found risk is reported to triage like 上报, the cadre as reporter.
 */
export async function screenHousehold(
  ctx: CommandContext,
  cmd: Extract<Command, { kind: 'screening' }>,
): Promise<CadreOutcome> {
  const { store, actor, now, deps } = ctx;
  const items = await store.screeningItemsOf(actor.userid, cmd.household);
  if (!items.length) {
    const [h] = await store.householdsInCharge(actor.userid, cmd.household);
    if (!h) return answer(`您负责的农户中没有找到「${cmd.household}」，请用户号或户主姓名。`);
    return answer(
      `${h.headName}户（${h.villageName}，户号 ${h.id}）不在集中排查的名单中。走访发现风险的，请发送：上报 ${h.id} 情况。`,
    );
  }
  const households = [...new Map(items.map((i) => [i.householdId, i])).values()];
  if (households.length > 1)
    return answer(
      `您负责的农户中有 ${households.length} 户叫「${cmd.household}」：${households.map((h) => `${h.headName}（${h.villageName}，户号 ${h.householdId}）`).join('、')}，请用户号。`,
    );
  const item = items.find((i) => i.result === null) ?? items[0]!;
  const read = readScreeningAnswer(cmd.answer);
  const who = { actor: actor.userid, reporter: actor.userid, via: 'chat' as const };
  const change = screeningChange(item, read, who, now);
  const changed = change !== null;
  const inboxId = change ? ((await applyScreenings(store, item.campaignId, [change]))[0] ?? null) : null;
  const household = `${item.headName}户（${item.villageName}）`;
  const left = await leftText(ctx);
  if (!changed) return answer(`${household}已按同样的结果记录过了，不会重复记录或上报。${left}`);
  if (read.result === 'none')
    return answer(`已记录：${household}「${item.campaignName}」排查无风险。${left}`, { changed: true });
  if (inboxId === null)
    return answer(`已记录：${household}发现风险；这条情况之前已经上报过，不会重复上报。${left}`, { changed: true });
  const types = riskLabels(classifyReport({ text: read.note, householdStatus: item.status }, deps.policy).riskTypes);
  return answer(
    `已记录：${household}「${item.campaignName}」发现风险${types ? `（${types}）` : ''}，已按干部排查上报，系统会分派给负责的干部，任务卡片随后发出。${left}`,
    { changed: true, reports: [inboxId] },
  );
}
