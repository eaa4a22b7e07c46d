/**
 * 微信客服 lets us answer a customer only within 48 hours of their last message, 5 replies at most.
 * The dialog uses one of those right after each message (the receipt); status updates may use three more,
 * leaving one spare. A little margin keeps a delayed job from landing just after the window shuts.
 */
export const KF_WINDOW_MS = 48 * 3_600_000;
const MARGIN_MS = 10 * 60_000;
export const MAX_UPDATE_REPLIES = 3;

export function canSendUpdate(s: { lastCustomerAt: Date; updatesSent: number }, now: Date): boolean {
  return now.getTime() - s.lastCustomerAt.getTime() < KF_WINDOW_MS - MARGIN_MS && s.updatesSent < MAX_UPDATE_REPLIES;
}

/** Several updates, one message: newest last, repeated lines dropped. */
export function combineUpdates(texts: readonly string[]): string {
  const unique = [...new Set(texts)];
  return unique.length === 1
    ? unique[0]!
    : ['您反映事项的最新进展：', ...unique.map((t, i) => `${i + 1}. ${t}`)].join('\n');
}
