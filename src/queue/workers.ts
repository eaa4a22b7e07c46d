import type { Job } from 'bullmq';
import { sendWecomMessage, type SendWecomMessageDeps } from '../../jobs/send-wecom-message.js';
import { JOB } from './jobs.js';
import type { Processors } from './queues.js';

export type WorkerDeps = SendWecomMessageDeps;

/** Maps each queue's job names to their processors. */
export function buildProcessors(deps: WorkerDeps): Processors {
  const send = sendWecomMessage(deps);
  return {
    notify: (job: Job, token?: string) => {
      if (job.name === JOB.sendWecomMessage) return send(job, token);
      throw new Error(`unknown job ${job.name} on notify`);
    },
  };
}
