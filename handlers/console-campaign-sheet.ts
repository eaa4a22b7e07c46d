import { CampaignId } from '../src/domain/campaign/campaign-form.js';
import { exportCampaignSheet } from '../src/domain/use-cases/export-campaign-sheet.js';
import { campaignResultsWorkbook } from '../src/files/campaign-xlsx.js';
import { campaignNotFound } from './console-campaign-page.js';
import type { ConsoleRoutes } from './console-deps.js';

/** A campaign's results sheet (the upload template, results so far filled in) for the viewer's part. */
export const campaignSheetRoutes: ConsoleRoutes = (router, deps, { signedIn, param, download }) => {
  const reads = deps.campaigns?.reads;
  if (!reads) return;
  router.get(
    '/console/campaigns/:id/results.xlsx',
    signedIn(async (ctx, viewer) => {
      const sheet = await exportCampaignSheet(reads, viewer, param(CampaignId, ctx.params.id));
      if (!sheet) throw campaignNotFound();
      const body = await campaignResultsWorkbook(sheet.campaign.name, sheet.rows, deps.timeZone);
      download(ctx, `集中排查-${sheet.campaign.name}-排查表.xlsx`, body);
    }),
  );
};
