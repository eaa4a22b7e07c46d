import type { Job } from 'bullmq';
import { ensurePartitions, type EnsurePartitionsDeps } from '../src/domain/use-cases/ensure-partitions.js';

export function ensurePartitionsJob(deps: EnsurePartitionsDeps) {
  return (job: Job<{ at?: string }>) => ensurePartitions(deps, job.data.at ? new Date(job.data.at) : new Date());
}
