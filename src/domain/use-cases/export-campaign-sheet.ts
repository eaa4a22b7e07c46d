import type { CampaignReads, CampaignRow, SheetRow } from '../ports/campaigns.js';
import type { Scope } from '../ports/console.js';

/** A campaign's results sheet for the viewer's part (the upload template), or null if none of it is theirs. */
export async function exportCampaignSheet(
  reads: CampaignReads,
  scope: Scope,
  id: number,
): Promise<{ campaign: CampaignRow; rows: SheetRow[] } | null> {
  const campaign = await reads.campaign(scope, id);
  return campaign ? { campaign, rows: await reads.sheetRows(scope, id) } : null;
}
