import type { StartCampaignInput } from '../campaign/campaign.js';
import { campaignNotice } from '../campaign/campaign-notice.js';
import { localDateString, localMidnight } from '../local-time.js';
import type { StartCampaignDeps } from '../ports/campaigns.js';
import type { ConsoleViewer } from '../ports/console.js';

export type { StartCampaignInput };

export type StartCampaignOutcome =
  | { ok: true; id: number; households: number; cadres: number; unassigned: number }
  | { ok: false; error: string };

/**
 * 集中排查: county staff start a campaign; every household in scope gets an item assigned along the
 * chain (帮扶责任人, else the village's 包村干部), the start is audited, and each cadre gets one message
 * with all their households (not one per household).
 */
export async function startCampaign(
  deps: StartCampaignDeps,
  viewer: ConsoleViewer,
  input: StartCampaignInput,
  now: Date,
): Promise<StartCampaignOutcome> {
  if (viewer.townshipId !== null) return { ok: false, error: '只有县级账号可以发起集中排查。' };
  const [y, m, d] = input.deadline.split('-').map(Number) as [number, number, number];
  const deadline = localMidnight(y, m, d + 1, deps.timeZone);
  if (input.deadline < localDateString(now, deps.timeZone))
    return { ok: false, error: '截止日期不能早于今天，请重新选择。' };
  const started = await deps.transaction(async (store) => {
    const n = await store.countInScope(input.scope);
    if (n === 0) return null;
    const at = now;
    const id = await store.createCampaign({ ...input, deadline, createdBy: `console:${viewer.label}`, at });
    await store.audit({
      actor: `console:${viewer.label}`,
      action: 'campaign-start',
      entity: 'campaign',
      entityId: String(id),
      toState: 'running',
      note: `${input.name}：${n} 户，${input.deadline} 截止；范围 ${JSON.stringify(input.scope)}`.slice(0, 500),
      at,
    });
    return { id, n, assignments: await store.assignments(id) };
  });
  if (!started) return { ok: false, error: '所选范围内没有农户，请调整乡镇、村或农户类型。' };
  const campaign = { name: input.name, deadline };
  const cadres = started.assignments.filter((a) => a.cadre !== null);
  await deps.notifyCadres(
    started.id,
    cadres.map((a) => ({ touser: a.cadre!, content: campaignNotice(campaign, a.households, deps.timeZone) })),
  );
  const unassigned = started.assignments.find((a) => a.cadre === null)?.households.length ?? 0;
  return { ok: true, id: started.id, households: started.n, cadres: cadres.length, unassigned };
}
