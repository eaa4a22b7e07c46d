/** The one place queue and job names and their payload types live. */
export const QUEUE = {
  /** Inbound reports waiting for triage. */
  intake: 'intake',
  /** Outbound WeCom messages (cards, texts, digests). */
  notify: 'notify',
  /** Periodic sweeps (reminders, escalation, bulletins). */
  schedule: 'schedule',
} as const;

export type QueueName = (typeof QUEUE)[keyof typeof QUEUE];
export const QUEUE_NAMES = Object.values(QUEUE) as QueueName[];
