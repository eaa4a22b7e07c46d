/** The one place queue and job names and their payload types live. */
export const QUEUE = {
  /** Inbound callbacks and reports waiting to be handled. */
  intake: 'intake',
  /** Outbound WeCom messages (cards, texts, digests). */
  notify: 'notify',
  /** Periodic sweeps (reminders, escalation, bulletins). */
  schedule: 'schedule',
} as const;

export type QueueName = (typeof QUEUE)[keyof typeof QUEUE];
export const QUEUE_NAMES = Object.values(QUEUE) as QueueName[];

export const JOB = {
  /** A stored WeCom callback (queue intake). */
  handleCallback: 'handle-callback',
  /** One stored 微信客服 message from a villager: the dialog (queue intake). */
  villagerMessage: 'villager-message',
  /** Classify, match, merge or open a case for one stored report (queue intake). */
  triageReport: 'triage-report',
  /** One outbound WeCom message (queue notify). */
  sendWecomMessage: 'send-wecom-message',
} as const;

export interface HandleCallbackData {
  inboxId: number;
}

export interface TriageReportData {
  inboxId: number;
}

export type SendWecomMessageData =
  | { kind: 'text'; touser: string; content: string }
  | { kind: 'markdown'; touser: string; content: string }
  | { kind: 'card'; touser: string; card: Record<string, unknown> }
  | { kind: 'kf_text'; externalUserid: string; openKfid: string; content: string };

/** BullMQ job ids must not contain ':'; these keep one job per inbox row or message. */
export const jobId = {
  callback: (inboxId: number) => `inbox-${inboxId}`,
  triage: (inboxId: number) => `triage-${inboxId}`,
  taskNotice: (taskId: number) => `task-${taskId}`,
  villagerMessage: (inboxId: number) => `kf-${inboxId}`,
  kfReply: (msgid: string) => `kf-reply-${msgid}`,
};
