import { drainPages } from '../drain-pages.js';
import type { BulletinQueueStore } from '../ports/bulletin.js';
import type { Outbox } from '../ports/outbox.js';
import { publishBulletins, type BulletinDeps } from './publish-bulletins.js';

export interface RunWeeklyBulletinDeps {
  bulletins: BulletinDeps;
  now(): Date;
  stored: BulletinQueueStore;
  outbox: Pick<Outbox, 'bulletins'>;
}

/** Stores each township's bulletin for the last whole week, then queues every stored one not yet queued. */
export async function runWeeklyBulletin(deps: RunWeeklyBulletinDeps, at: Date) {
  const result = await publishBulletins(deps.bulletins, at);
  const queued = await drainPages(
    () => deps.stored.unqueued(),
    deps.outbox.bulletins,
    (rows) => deps.stored.markQueued(rows),
  );
  return { ...result, queued };
}
