import type { PartitionStore } from '../ports/partitions.js';

/** How far ahead partitions exist: a month boundary never finds its partition missing, even after a long outage. */
export const MONTHS_AHEAD = 3;

export interface EnsurePartitionsDeps {
  partitions: Pick<PartitionStore, 'ensureAhead'>;
}

/** Makes this month's partitions and the next MONTHS_AHEAD months' (at start, and from a periodic job). */
export async function ensurePartitions(deps: EnsurePartitionsDeps, at: Date): Promise<{ created: number }> {
  return { created: await deps.partitions.ensureAhead(at, MONTHS_AHEAD) };
}
