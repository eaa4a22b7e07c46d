import type { TaskNotice } from '../ports/triage.js';
import { triageReports, type TriageDeps, type TriageOutcome } from './triage-report.js';

export interface TriageBatchDeps {
  triage: TriageDeps;
  /**
   * Queues each task's card (deduplicated by task id, so a retry sends nothing twice); `burst` says the
   * reports came several at once (a department list), so a cadre's cards may go out as one summary.
   */
  notify(notices: TaskNotice[], opts?: { burst: boolean }): Promise<void>;
  /** Whether an error means the database is away (then each report alone would fail the same way). */
  isOutage?(err: unknown): boolean;
}

export interface TriageBatchResult {
  /** Outcomes by status. */
  count: Record<string, number>;
  /** Reports that failed even alone, and the batch's error. */
  failed: number[];
  error?: unknown;
}

/**
 * Triages a batch in one transaction. If the batch fails (a report the code can't handle, a deadlock
 * with a cadre's step), each report is tried alone, so one bad report holds back nobody else; the ones
 * that still fail are named for the caller to retry (the rest then come back 'already').
 */
export async function triageBatch(
  { triage, notify, isOutage = () => false }: TriageBatchDeps,
  ids: number[],
  now: Date,
): Promise<TriageBatchResult> {
  let outcomes: TriageOutcome[];
  const failed: number[] = [];
  let error: unknown;
  try {
    outcomes = await triageReports(triage, ids, now);
  } catch (err) {
    // Alone, each would fail the same way while the database is away: the whole batch waits for a retry.
    if (ids.length === 1 || isOutage(err)) throw err;
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
  await notify(
    outcomes.flatMap((o) => (o.status === 'missing' ? [] : o.notices)),
    { burst: ids.length > 1 },
  );
  const count: Record<string, number> = {};
  for (const o of outcomes) count[o.status] = (count[o.status] ?? 0) + 1;
  return { count, failed, ...(failed.length ? { error } : {}) };
}
