import type { AuditEntry } from '../audit-entry.js';
import { noteKey, type ScreeningAnswer } from '../campaign/campaign.js';
import type { ScreeningItem, ScreeningResult, ScreeningStore } from '../ports/campaigns.js';
import { maskSecrets } from '../privacy.js';
import type { Report } from '../triage/report.js';

/** The inbox source msg id of a campaign's found risk: the same note for the same household is reported once. */
export const screeningReportKey = (item: Pick<ScreeningItem, 'campaignId' | 'householdId'>, note: string) =>
  `campaign-${item.campaignId}-${item.householdId}-${noteKey(note)}`;

export interface Screener {
  /** Who did it, for the audit log (a cadre's userid, or console:…). */
  actor: string;
  /** The cadre the report of a found risk comes from (channel cadre). */
  reporter: string;
  via: 'chat' | 'upload';
}

/** What one answer changes: the item's new result, its audit row, and the report of a found risk. */
export interface ScreeningChange {
  householdId: string;
  result: Omit<ScreeningResult, 'inboxId'>;
  report: { key: string; report: Report } | null;
  audit: AuditEntry;
}

/**
 * One household's answer in one campaign (pure): the item keeps the latest answer, audited; a found risk
 * becomes a report for triage (channel cadre, `reporter` the cadre), as 上报 does. Null when it is the
 * answer the item already has.
 */
export function screeningChange(
  item: ScreeningItem,
  answer: ScreeningAnswer,
  who: Screener,
  at: Date,
): ScreeningChange | null {
  const note = maskSecrets(answer.note).slice(0, 1000);
  if (item.result === answer.result && item.note === note) return null;
  const report: Report = {
    channel: 'cadre',
    reporter: who.reporter,
    text: note,
    identity: { householdId: item.householdId },
    evidence: [{ type: 'campaign', ref: String(item.campaignId) }],
  };
  const found = answer.result === 'risk';
  return {
    householdId: item.householdId,
    result: { result: answer.result, note, by: who.reporter, via: who.via, at },
    report: found ? { key: screeningReportKey(item, note), report } : null,
    audit: {
      actor: who.actor,
      action: 'campaign-screening',
      entity: 'household',
      entityId: item.householdId,
      fromState: item.result,
      toState: answer.result,
      note: `集中排查 ${item.campaignId}「${item.campaignName}」${found ? '发现风险' : '无风险'}${note ? `：${note}` : ''}`.slice(
        0,
        500,
      ),
      at,
    },
  };
}

/**
 * Writes answers' changes: each found risk's report (null when that note of that household was reported
 * before), then the items and the audit rows together. Returns the new reports' inbox ids.
 */
export async function applyScreenings(
  store: ScreeningStore,
  campaignId: number,
  changes: ScreeningChange[],
): Promise<number[]> {
  const reports: number[] = [];
  const rows = [];
  for (const c of changes) {
    const inboxId = c.report ? await store.storeCadreReport(c.report.key, c.report.report) : null;
    if (inboxId !== null) reports.push(inboxId);
    rows.push({ householdId: c.householdId, ...c.result, inboxId });
  }
  await store.setScreenings(campaignId, rows);
  await store.audits(changes.map((c) => c.audit));
  return reports;
}
