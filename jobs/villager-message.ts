import type { Job } from 'bullmq';
import { handleVillagerMessage, type VillagerMessageDeps } from '../src/domain/use-cases/handle-villager-message.js';

export function villagerMessageJob(deps: VillagerMessageDeps) {
  return async (job: Job<{ inboxId: number }>) => ({ status: await handleVillagerMessage(deps, job.data.inboxId) });
}
