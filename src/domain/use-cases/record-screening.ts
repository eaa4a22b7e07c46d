import { noteKey, type ScreeningAnswer } from '../campaign/campaign.js';
import type { ScreeningItem, ScreeningStore } from '../ports/campaigns.js';
import { maskSecrets } from '../privacy.js';
import type { Report } from '../triage/report.js';

/** The inbox source msg id of a campaign's found risk: the same note for the same household is reported once. */
export const screeningReportKey = (item: Pick<ScreeningItem, 'campaignId' | 'householdId'>, note: string) =>
  `campaign-${item.campaignId}-${item.householdId}-${noteKey(note)}`;

/**
 * One household's result in one campaign, by chat or upload: the item keeps the latest answer (audited);
 * a found risk becomes a report for triage (channel cadre, `reporter` the cadre), the same as 上报.
 * The same answer again changes nothing. Returns whether the item changed and the new report's inbox id
 * (null: nothing found, or this risk was reported before).
 */
export async function recordScreening(
  store: ScreeningStore,
  item: ScreeningItem,
  answer: ScreeningAnswer,
  who: { actor: string; reporter: string; via: 'chat' | 'upload' },
  at: Date,
): Promise<{ changed: boolean; inboxId: number | null }> {
  const note = maskSecrets(answer.note).slice(0, 1000);
  if (item.result === answer.result && item.note === note) return { changed: false, inboxId: null };
  let inboxId: number | null = null;
  if (answer.result === 'risk') {
    const report: Report = {
      channel: 'cadre',
      reporter: who.reporter,
      text: note,
      identity: { householdId: item.householdId },
      evidence: [{ type: 'campaign', ref: String(item.campaignId) }],
    };
    inboxId = await store.storeCadreReport(screeningReportKey(item, note), report);
  }
  await store.setScreening(item.campaignId, item.householdId, {
    result: answer.result,
    note,
    inboxId,
    by: who.reporter,
    via: who.via,
    at,
  });
  await store.audit({
    actor: who.actor,
    action: 'campaign-screening',
    entity: 'household',
    entityId: item.householdId,
    fromState: item.result,
    toState: answer.result,
    note: `集中排查 ${item.campaignId}「${item.campaignName}」${answer.result === 'none' ? '无风险' : '发现风险'}${note ? `：${note}` : ''}${inboxId ? `（上报 inbox ${inboxId}）` : ''}`.slice(
      0,
      500,
    ),
    at,
  });
  return { changed: true, inboxId };
}
