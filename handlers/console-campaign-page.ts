import { CampaignId } from '../src/domain/campaign/campaign-form.js';
import { showCampaign } from '../src/domain/use-cases/show-campaign.js';
import { uploadScreeningResults, type UploadOutcome } from '../src/domain/use-cases/upload-screening-results.js';
import { AppError } from '../src/http/app-error.js';
import { readUpload } from '../src/http/read-upload.js';
import { campaignPage } from '../src/web/campaign-page.js';
import type { ConsoleRoutes } from './console-deps.js';

export const campaignNotFound = () => new AppError(404, 'not_found', '没有这次集中排查，或它不在您的管辖范围内。');

/** One campaign: progress per village and the risks found; its results sheet uploaded (bad rows listed by line). */
export const campaignPageRoutes: ConsoleRoutes = (router, deps, { signedIn, show, param }) => {
  const campaigns = deps.campaigns;
  if (!campaigns) return;
  const { reads, results } = campaigns;
  const render = signedIn(async (ctx, viewer) => {
    const id = param(CampaignId, ctx.params.id);
    if (!(await reads.campaign(viewer, id))) throw campaignNotFound();
    let upload: UploadOutcome | undefined;
    if (ctx.method === 'POST') {
      const { file } = await readUpload(ctx.req, 20 * 1024 * 1024);
      const input = file && { campaignId: id, file };
      upload = input ? await uploadScreeningResults(results, viewer, input, deps.now()) : { error: '请选择一个文件。' };
    }
    const view = (await showCampaign(reads, viewer, id))!;
    const page = { timeZone: deps.timeZone, now: deps.now(), county: viewer.townshipId === null, upload };
    show(ctx, viewer, view.campaign.name, campaignPage(view, { ...page, started: ctx.query.started !== undefined }));
  });
  router.get('/console/campaigns/:id', render);
  router.post('/console/campaigns/:id/results', render);
};
