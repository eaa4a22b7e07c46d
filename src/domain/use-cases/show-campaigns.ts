import type { CampaignReads, CampaignRow } from '../ports/campaigns.js';
import type { Scope } from '../ports/console.js';

export interface CampaignList {
  rows: CampaignRow[];
  /** Township and village names, for each campaign's scope in words. */
  names: Map<string, string>;
}

/** 集中排查: the campaigns with households in the viewer's township (the county: all), progress within it. */
export async function showCampaigns(reads: CampaignReads, scope: Scope): Promise<CampaignList> {
  const [rows, names] = await Promise.all([reads.campaigns(scope), reads.placeNames()]);
  return { rows, names };
}
