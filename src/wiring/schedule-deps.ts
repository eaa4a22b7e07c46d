import type { Outbox } from '../domain/ports/outbox.js';
import type { Policy } from '../domain/policy.js';
import type { RunSweepDeps } from '../domain/use-cases/run-sweep.js';
import type { RunWeeklyBulletinDeps } from '../domain/use-cases/run-weekly-bulletin.js';
import { bulletinQueueStore, bulletinStore } from '../store/bulletin-store.js';
import type { Db } from '../store/db.js';
import { digestQueueStore, sweepTransaction } from '../store/sweep-store.js';

/** The sweep's dependencies: the store port per transaction, and digests handed to the notify queue. */
export function sweepDeps(db: Db, policy: Policy, timeZone: string, outbox: Pick<Outbox, 'digests'>): RunSweepDeps {
  return {
    sweep: { policy, timeZone, transaction: sweepTransaction(db) },
    now: () => new Date(),
    digests: digestQueueStore(db),
    outbox,
  };
}

/** The weekly bulletin's dependencies: figures from the store, stored bulletins handed to the notify queue. */
export function bulletinDeps(
  db: Db,
  policy: Policy,
  timeZone: string,
  outbox: Pick<Outbox, 'bulletins'>,
): RunWeeklyBulletinDeps {
  return {
    bulletins: { policy, timeZone, store: bulletinStore(db) },
    now: () => new Date(),
    stored: bulletinQueueStore(db),
    outbox,
  };
}
