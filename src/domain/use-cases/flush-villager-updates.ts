import { canSendUpdate, combineUpdates } from '../chat/reply-window.js';
import type { VillagerUpdateStore } from '../ports/villager-updates.js';

export interface FlushVillagerUpdatesDeps {
  transaction<R>(fn: (store: VillagerUpdateStore) => Promise<R>): Promise<R>;
}

export type FlushOutcome =
  | { status: 'none' | 'held' }
  | { status: 'send'; openKfid: string; text: string; key: string };

/**
 * Combines a villager's waiting status updates into one message when the 48-hour window allows;
 * otherwise they wait (nothing is lost) and go out after the villager's next message.
 */
export async function flushVillagerUpdates(
  deps: FlushVillagerUpdatesDeps,
  externalUserid: string,
  now: Date,
): Promise<FlushOutcome> {
  return deps.transaction(async (store) => {
    const session = await store.session(externalUserid);
    const pending = await store.pending(externalUserid);
    if (pending.length === 0) return { status: 'none' };
    if (!session || !canSendUpdate(session, now)) return { status: 'held' };
    const ids = pending.map((p) => p.id);
    await store.markSent(externalUserid, ids, now);
    return {
      status: 'send',
      openKfid: session.openKfid,
      text: combineUpdates(pending.map((p) => p.text)),
      key: `vu-${Math.max(...ids)}`,
    };
  });
}
