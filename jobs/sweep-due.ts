import type { Job } from 'bullmq';
import { sweepDue, type SweepDeps, type SweepResult } from '../src/domain/use-cases/sweep-due.js';
import type { SweepDueData } from '../src/queue/jobs.js';

export interface SweepDueJobDeps {
  sweep: SweepDeps;
  now(): Date;
  /** Queues every digest not yet queued (this sweep's, and any a crashed sweep left). */
  queueDigests(): Promise<number>;
}

/** Runs one sweep and hands its digests to the notify queue. */
export async function runSweep(deps: SweepDueJobDeps, at: Date): Promise<SweepResult & { queued: number }> {
  const result = await sweepDue(deps.sweep, at);
  return { ...result, queued: await deps.queueDigests() };
}

export function sweepDueJob(deps: SweepDueJobDeps) {
  return (job: Job<SweepDueData>) => runSweep(deps, job.data.at ? new Date(job.data.at) : deps.now());
}
