import type { Outbound } from '../ports/outbox.js';

export interface ReconcileInboxDeps {
  /** Inbox rows stored before `before` and never handled, oldest first (a bounded page). */
  unhandled(before: Date): Promise<Array<{ id: number; source: string }>>;
  /**
   * Queues the rows' jobs under fixed ids (a job still in Redis is not added twice, one that failed for
   * good is retried); a report that lands in two triage batches is triaged once.
   */
  enqueue(rows: Array<{ id: number; source: string }>): Promise<void>;
  /** Outbound messages recorded before `before` and never sent (a bounded page), and how to queue them again (or retry their failed jobs). */
  unsent(before: Date): Promise<Outbound[]>;
  resend(rows: Outbound[]): Promise<void>;
  /** Cadres with task cards held for a summary since before `before` (their flush job may be lost with Redis). */
  heldCards?(before: Date): Promise<string[]>;
  /** Asks for those cadres' held cards to be flushed now (a flush job still waiting is not added twice). */
  flushCards?(cadres: string[]): Promise<void>;
  now(): Date;
  /** Rows younger than this are still on their way through the queue. */
  afterMs: number;
}

/** Re-queues what Redis lost: inbox rows never handled, outbound messages never sent, held cards never flushed. */
export async function reconcileInbox(
  deps: ReconcileInboxDeps,
  at: Date,
): Promise<{ requeued: number; resent: number; reflushed?: number }> {
  const before = new Date(at.getTime() - deps.afterMs);
  const rows = await deps.unhandled(before);
  if (rows.length) await deps.enqueue(rows);
  const unsent = await deps.unsent(before);
  if (unsent.length) await deps.resend(unsent);
  const held = (await deps.heldCards?.(before)) ?? [];
  if (held.length) await deps.flushCards?.(held);
  return { requeued: rows.length, resent: unsent.length, ...(held.length ? { reflushed: held.length } : {}) };
}
