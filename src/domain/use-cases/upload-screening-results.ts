import { parseResultsTable, type ScreeningUploadReport } from '../campaign/results-table.js';
import type { ScreeningResultsDeps } from '../ports/campaigns.js';
import type { ConsoleViewer } from '../ports/console.js';
import { applyScreenings, type ScreeningChange, screeningChange } from './record-screening.js';

export type UploadOutcome = ScreeningUploadReport | { error: string };

/**
 * 集中排查 results from the console: the filled-in sheet (XLSX or CSV) read row by row; each good row is
 * written (audited, a found risk reported to triage with the household's assigned cadre as reporter), each
 * bad one reported with its line, and never holds the others back. Township staff write their township's
 * households only. Unreadable files throw the table reader's AppError.
 */
export async function uploadScreeningResults(
  deps: ScreeningResultsDeps,
  viewer: ConsoleViewer,
  input: { campaignId: number; file: { name: string; data: Buffer }; charset?: string },
  now: Date,
): Promise<UploadOutcome> {
  const table = await deps.tables.read(input.file.name, input.file.data, input.charset);
  const parsed = parseResultsTable(table);
  if ('missing' in parsed)
    return { error: `文件缺少「${parsed.missing.join('」「')}」列，请下载本次排查的排查表填写后再上传。` };
  const errors = [...parsed.errors];
  const { written, unchanged, reports } = await deps.transaction(async (store) => {
    const ids = parsed.rows.map((r) => r.householdId);
    const items = new Map(
      (await store.campaignItems(input.campaignId, viewer.townshipId, ids)).map((i) => [i.householdId, i]),
    );
    const who = { actor: `console:${viewer.label}`, via: 'upload' as const };
    const changes: ScreeningChange[] = [];
    let unchanged = 0;
    for (const r of parsed.rows) {
      const item = items.get(r.householdId);
      if (!item) {
        const where = viewer.townshipId ? '不是本乡镇参加本次排查的农户' : '不在本次排查的范围内';
        errors.push({ row: r.row, reason: `户编号 ${r.householdId} ${where}，请核对户编号。` });
        continue;
      }
      // The report comes from the cadre the household was assigned to (干部排查).
      const change = screeningChange(item, r.answer, { ...who, reporter: item.cadre ?? who.actor }, now);
      if (change) changes.push(change);
      else unchanged++;
    }
    const reports = await applyScreenings(store, input.campaignId, changes);
    return { written: changes.length, unchanged, reports };
  });
  // Committed: the found risks go to triage (the reconciler queues any this misses).
  if (reports.length) await deps.outbox.inbox(reports.map((id) => ({ id, source: 'cadre' })));
  errors.sort((a, b) => a.row - b.row);
  return {
    rows: parsed.rows.length + parsed.errors.length,
    written,
    unchanged,
    blank: parsed.blank,
    reported: reports.length,
    errors,
  };
}
