import type { Job } from 'bullmq';
import { reconcileInbox, type ReconcileInboxDeps } from '../src/domain/use-cases/reconcile-inbox.js';

export function reconcileInboxJob(deps: ReconcileInboxDeps) {
  return (job: Job<{ at?: string }>) => reconcileInbox(deps, job.data.at ? new Date(job.data.at) : deps.now());
}
