import type { Job } from 'bullmq';
import { handleVillagerMessage, type VillagerMessageDeps } from '../src/intake/handle-villager-message.js';
import type { KfMessage } from '../src/wecom/wecom-client.js';

export function villagerMessageJob(deps: VillagerMessageDeps) {
  return async (job: Job<{ inboxId: number }>) => {
    const { rows } = await deps.db.query<{ payload: KfMessage }>('SELECT payload FROM inbox WHERE id = $1', [job.data.inboxId]);
    if (!rows[0]) return { status: 'missing' };
    return { status: await handleVillagerMessage(deps, rows[0].payload) };
  };
}
