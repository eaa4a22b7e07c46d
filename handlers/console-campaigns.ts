import type { Context } from 'koa';
import { CampaignFormFields, readCampaignForm } from '../src/domain/campaign/campaign-form.js';
import { showCampaigns } from '../src/domain/use-cases/show-campaigns.js';
import { startCampaign } from '../src/domain/use-cases/start-campaign.js';
import { campaignListPage } from '../src/web/campaign-list-page.js';
import type { Viewer } from '../src/web/viewers.js';
import type { ConsoleRoutes } from './console-deps.js';

/** 集中排查: the campaigns with their progress; county staff start one (its households assigned, cadres told). */
export const campaignListRoutes: ConsoleRoutes = (router, deps, { signedIn, countyOnly, show, form }) => {
  const campaigns = deps.campaigns;
  if (!campaigns) return;
  const list = async (ctx: Context, viewer: Viewer, error?: string) => {
    const [data, places] = await Promise.all([showCampaigns(campaigns.reads, viewer), deps.reads.places(viewer)]);
    const page = { places, county: viewer.townshipId === null, timeZone: deps.timeZone, now: deps.now(), error };
    show(ctx, viewer, '集中排查', campaignListPage(data, page));
  };
  router.get('/console/campaigns', signedIn(list));
  router.post(
    '/console/campaigns',
    countyOnly(async (ctx, viewer) => {
      const read = readCampaignForm(await form(ctx, CampaignFormFields, ['township', 'village', 'kind']));
      const started = read.ok ? await startCampaign(campaigns.start, viewer, read.input, deps.now()) : read;
      if (started.ok) return ctx.redirect(`/console/campaigns/${started.id}?started=${started.cadres}`);
      ctx.status = 400;
      await list(ctx, viewer, started.error);
    }),
  );
};
