import type { Job } from 'bullmq';
import { runWeeklyBulletin, type RunWeeklyBulletinDeps } from '../src/domain/use-cases/run-weekly-bulletin.js';
import type { WeeklyBulletinData } from '../src/queue/jobs.js';

export function weeklyBulletinJob(deps: RunWeeklyBulletinDeps) {
  return (job: Job<WeeklyBulletinData>) => runWeeklyBulletin(deps, job.data.at ? new Date(job.data.at) : deps.now());
}
