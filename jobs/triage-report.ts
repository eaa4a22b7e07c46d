import type { Job } from 'bullmq';
import { isDatabaseUnavailable } from '../src/store/db-errors.js';
import { triageReports, type TriageDeps, type TriageOutcome } from '../src/domain/use-cases/triage-report.js';
import { type TaskNotice } from '../src/domain/ports/triage.js';
import type { TriageReportData } from '../src/queue/jobs.js';

export interface TriageReportJobDeps {
  triage: TriageDeps;
  /** Queues each task's card (deduplicated by task id, so a retry sends nothing twice). */
  notify(notices: TaskNotice[]): Promise<void>;
}

/**
 * Triages a batch in one transaction. If the batch fails (a report the code can't handle, a deadlock
 * with a cadre's step), each report is tried alone, so one bad report holds back nobody else; the job
 * then fails naming the reports that still fail, and BullMQ retries it (the rest come back 'already').
 */
export function triageReportJob({ triage, notify }: TriageReportJobDeps) {
  return async (job: Job<TriageReportData>) => {
    const ids = job.data.inboxIds;
    const now = new Date();
    let outcomes: TriageOutcome[];
    const failed: number[] = [];
    let error: unknown;
    try {
      outcomes = await triageReports(triage, ids, now);
    } catch (err) {
      // Alone, each would fail the same way while the database is away: the whole batch waits for a retry.
      if (ids.length === 1 || isDatabaseUnavailable(err)) throw err;
      outcomes = [];
      error = err;
      for (const id of ids) {
        try {
          outcomes.push(...(await triageReports(triage, [id], now)));
        } catch {
          failed.push(id);
        }
      }
    }
    await notify(outcomes.flatMap((o) => (o.status === 'missing' ? [] : o.notices)));
    if (failed.length) throw new Error(`triage failed for inbox ${failed.join(', ')}: ${(error as Error).message}`);
    const count: Record<string, number> = {};
    for (const o of outcomes) count[o.status] = (count[o.status] ?? 0) + 1;
    return count;
  };
}
