import type { Job } from 'bullmq';
import { triageReport, type TaskNotice, type TriageDeps } from '../src/domain/use-cases/triage-report.js';
import type { TriageReportData } from '../src/queue/jobs.js';

export interface TriageReportJobDeps {
  triage: TriageDeps;
  /** Queues each task's card (deduplicated by task id, so a retry sends nothing twice). */
  notify(notices: TaskNotice[]): Promise<void>;
}

export function triageReportJob({ triage, notify }: TriageReportJobDeps) {
  return async (job: Job<TriageReportData>) => {
    const out = await triageReport(triage, job.data.inboxId, new Date());
    if (out.status !== 'missing') await notify(out.notices);
    return out.status === 'missing' ? { status: out.status } : { status: out.status, caseId: out.caseId };
  };
}
