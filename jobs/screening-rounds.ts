import type { Job } from 'bullmq';
import { runScreeningRounds, type RunScreeningRoundsDeps } from '../src/domain/use-cases/run-screening-rounds.js';
import type { ScreeningRoundsData } from '../src/queue/jobs.js';

export function screeningRoundsJob(deps: RunScreeningRoundsDeps) {
  return (job: Job<ScreeningRoundsData>) => runScreeningRounds(deps, job.data.at ? new Date(job.data.at) : deps.now());
}
