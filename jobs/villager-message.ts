import type { Job } from 'bullmq';
import { handleVillagerMessage, type VillagerMessageDeps } from '../src/intake/handle-villager-message.js';
import { markHandled } from '../src/store/inbox-store.js';
import type { KfMessage } from '../src/wecom/wecom-client.js';

export function villagerMessageJob(deps: VillagerMessageDeps) {
  return async (job: Job<{ inboxId: number }>) => {
    const { inboxId } = job.data;
    const { rows } = await deps.db.query<{ payload: KfMessage; handled: boolean }>(
      'SELECT payload, handled_at IS NOT NULL AS handled FROM inbox WHERE id = $1',
      [inboxId],
    );
    if (!rows[0]) return { status: 'missing' };
    if (rows[0].handled) return { status: 'already' }; // re-queued by the reconciler after all
    const status = await handleVillagerMessage(deps, rows[0].payload);
    await markHandled(deps.db, inboxId, deps.now());
    return { status };
  };
}
