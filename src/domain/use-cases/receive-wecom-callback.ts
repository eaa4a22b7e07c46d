import type { InboundMessage } from '../inbound-message.js';
import { dedupeKey } from '../inbound-message.js';
import { storable } from '../storable-text.js';

export interface ReceiveCallbackDeps {
  /** Durable insert; null when the same key was stored before (a WeCom retry or a replay). */
  store(item: { source: string; sourceMsgId: string; payload: unknown }): Promise<number | null>;
  enqueue(inboxId: number): Promise<void>;
  onEnqueueError(err: unknown, inboxId: number): void;
}

export type ReceiveOutcome = { stored: true; inboxId: number } | { stored: false; duplicate: true };

/**
 * Stores the callback first, then queues it; a replay is acknowledged and dropped. If Redis is down the
 * row stays untriaged and the reconciler queues it later, so WeCom still gets its fast 200.
 */
export async function receiveWecomCallback(
  deps: ReceiveCallbackDeps,
  message: InboundMessage,
): Promise<ReceiveOutcome> {
  // Stored as storable text; what could not be stored as it came is kept, escaped, as `original`.
  const { value, original } = storable(message);
  const payload = original ? { ...value, original } : value;
  const inboxId = await deps.store({ source: 'wecom', sourceMsgId: dedupeKey(value), payload });
  if (inboxId === null) return { stored: false, duplicate: true };
  try {
    await deps.enqueue(inboxId);
  } catch (err) {
    deps.onEnqueueError(err, inboxId);
  }
  return { stored: true, inboxId };
}
