import type { Job } from 'bullmq';
import { sendVillagerUpdates, type SendVillagerUpdatesDeps } from '../src/domain/use-cases/send-villager-updates.js';
import type { FlushVillagerUpdatesData } from '../src/queue/jobs.js';

export function flushVillagerUpdatesJob(deps: SendVillagerUpdatesDeps) {
  return (job: Job<FlushVillagerUpdatesData>) => sendVillagerUpdates(deps, job.data.externalUserid);
}
