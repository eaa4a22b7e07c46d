import type { CampaignReads, CampaignRow, FoundRisk, VillageProgress } from '../ports/campaigns.js';
import type { Scope } from '../ports/console.js';

export interface CampaignView {
  campaign: CampaignRow;
  villages: VillageProgress[];
  risks: FoundRisk[];
  names: Map<string, string>;
}

/** One campaign within the viewer's township: progress per village and the risks found; null if none of it is there. */
export async function showCampaign(reads: CampaignReads, scope: Scope, id: number): Promise<CampaignView | null> {
  const campaign = await reads.campaign(scope, id);
  if (!campaign) return null;
  const [villages, risks, names] = await Promise.all([
    reads.villageProgress(scope, id),
    reads.foundRisks(scope, id),
    reads.placeNames(),
  ]);
  return { campaign, villages, risks, names };
}
