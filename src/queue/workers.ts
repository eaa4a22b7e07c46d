import type { Job } from 'bullmq';
import { sendWecomMessage, type SendWecomMessageDeps } from '../../jobs/send-wecom-message.js';
import { triageReportJob, type TriageReportJobDeps } from '../../jobs/triage-report.js';
import { JOB } from './jobs.js';
import type { Processors } from './queues.js';

export type WorkerDeps = SendWecomMessageDeps & Partial<TriageReportJobDeps>;

type Handler = (job: Job, token?: string) => Promise<unknown>;

/** One processor per queue that dispatches on the job name. */
function byName(queue: string, handlers: Record<string, Handler | undefined>) {
  return (job: Job, token?: string) => {
    const handler = handlers[job.name];
    if (!handler) throw new Error(`unknown job ${job.name} on ${queue}`);
    return handler(job, token);
  };
}

/** Maps each queue's job names to their processors. */
export function buildProcessors(deps: WorkerDeps): Processors {
  return {
    notify: byName('notify', { [JOB.sendWecomMessage]: sendWecomMessage(deps) }),
    ...(deps.triage && deps.notify
      ? { intake: byName('intake', { [JOB.triageReport]: triageReportJob({ triage: deps.triage, notify: deps.notify }) }) }
      : {}),
  };
}
