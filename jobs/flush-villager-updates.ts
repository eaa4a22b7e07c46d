import type { Job } from 'bullmq';
import { flushVillagerUpdates, type FlushVillagerUpdatesDeps } from '../src/domain/use-cases/flush-villager-updates.js';
import type { FlushVillagerUpdatesData } from '../src/queue/jobs.js';

export interface FlushVillagerUpdatesJobDeps extends FlushVillagerUpdatesDeps {
  now(): Date;
  /** Queues the combined 微信客服 message; `key` makes it idempotent. */
  reply(externalUserid: string, openKfid: string, text: string, key: string): Promise<void>;
}

export function flushVillagerUpdatesJob(deps: FlushVillagerUpdatesJobDeps) {
  return async (job: Job<FlushVillagerUpdatesData>) => {
    const out = await flushVillagerUpdates(deps, job.data.externalUserid, deps.now());
    if (out.status === 'send') await deps.reply(job.data.externalUserid, out.openKfid, out.text, out.key);
    return { status: out.status };
  };
}
