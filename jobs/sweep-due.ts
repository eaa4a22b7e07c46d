import type { Job } from 'bullmq';
import { runSweep, type RunSweepDeps } from '../src/domain/use-cases/run-sweep.js';
import type { SweepDueData } from '../src/queue/jobs.js';

export function sweepDueJob(deps: RunSweepDeps) {
  return (job: Job<SweepDueData>) => runSweep(deps, job.data.at ? new Date(job.data.at) : deps.now());
}
