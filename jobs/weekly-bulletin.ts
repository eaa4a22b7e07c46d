import type { Job } from 'bullmq';
import { publishBulletins, type BulletinDeps } from '../src/domain/use-cases/publish-bulletins.js';
import type { WeeklyBulletinData } from '../src/queue/jobs.js';

export interface WeeklyBulletinJobDeps {
  bulletins: BulletinDeps;
  now(): Date;
  /** Queues every stored bulletin not yet queued, to its township leaders. */
  queueBulletins(): Promise<number>;
}

/** Stores each township's bulletin for the last whole week, then queues what is not yet queued. */
export async function runWeeklyBulletin(deps: WeeklyBulletinJobDeps, at: Date) {
  const result = await publishBulletins(deps.bulletins, at);
  return { ...result, queued: await deps.queueBulletins() };
}

export function weeklyBulletinJob(deps: WeeklyBulletinJobDeps) {
  return (job: Job<WeeklyBulletinData>) => runWeeklyBulletin(deps, job.data.at ? new Date(job.data.at) : deps.now());
}
