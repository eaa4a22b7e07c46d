import { drainPages } from '../drain-pages.js';
import type { Outbox } from '../ports/outbox.js';
import type { DigestQueueStore } from '../ports/sweep.js';
import { sweepDue, type SweepDeps, type SweepResult } from './sweep-due.js';

export interface RunSweepDeps {
  sweep: SweepDeps;
  now(): Date;
  digests: DigestQueueStore;
  outbox: Pick<Outbox, 'digests'>;
}

/** Runs one sweep, then queues every digest not yet queued (this sweep's, and any a crashed sweep left). */
export async function runSweep(deps: RunSweepDeps, at: Date): Promise<SweepResult & { queued: number }> {
  const result = await sweepDue(deps.sweep, at);
  const queued = await drainPages(
    () => deps.digests.unqueued(),
    deps.outbox.digests,
    (ids) => deps.digests.markQueued(ids),
  );
  return { ...result, queued };
}
