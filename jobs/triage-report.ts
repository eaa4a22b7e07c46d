import type { Job } from 'bullmq';
import { triageBatch, type TriageBatchDeps } from '../src/domain/use-cases/triage-batch.js';
import type { TriageReportData } from '../src/queue/jobs.js';

/** Triages a batch; fails naming the reports that failed even alone, so BullMQ retries them. */
export function triageReportJob(deps: TriageBatchDeps) {
  return async (job: Job<TriageReportData>) => {
    const { count, failed, error } = await triageBatch(deps, job.data.inboxIds, new Date());
    if (failed.length) throw new Error(`triage failed for inbox ${failed.join(', ')}: ${(error as Error).message}`);
    return count;
  };
}
