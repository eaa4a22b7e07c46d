import type { SendWecomMessageData } from '../domain/ports/outbox.js';

/** The one place queue and job names and their payload types live (an outbound message is a domain type). */
export type { SendWecomMessageData };

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
  /** Stored WeCom callbacks, those a web process stored together (queue intake). */
  handleCallback: 'handle-callback',
  /** One stored 微信客服 message from a villager: the dialog (queue intake). */
  villagerMessage: 'villager-message',
  /** Classify, match, merge or open a case for a batch of stored reports (queue intake). */
  triageReport: 'triage-report',
  /** Send a villager's waiting status updates as one 微信客服 message, if the window allows (queue notify). */
  flushVillagerUpdates: 'flush-villager-updates',
  /** A cadre's held task cards as one summary card, once no more join it (queue notify). */
  flushTaskCards: 'flush-task-cards',
  /** One outbound WeCom message (queue notify). */
  sendWecomMessage: 'send-wecom-message',
  /**
   * A page of a sweep's digests, recorded in the outbox: puts one send job each on the queue (queue notify).
   * The sweep adds this one job, not thousands, and a worker adds theirs.
   */
  queueDigests: 'queue-digests',
  /** Reminders, escalation and digests for everything due (queue schedule, from a job scheduler). */
  sweepDue: 'sweep-due',
  /** Each township's weekly bulletin (通报) to its leaders (queue schedule, from a job scheduler). */
  weeklyBulletin: 'weekly-bulletin',
  /** Re-queues inbox rows stored but never handled, e.g. when Redis lost their jobs (queue schedule). */
  reconcileInbox: 'reconcile-inbox',
  /** Opens the screening rounds due (周排查, 半月核实) and the month's 一月一分析 (queue schedule, from a job scheduler). */
  screeningRounds: 'screening-rounds',
  /** Creates the coming months' partitions of inbox, audit_log and outbox (queue schedule). */
  ensurePartitions: 'ensure-partitions',
} as const;

/** Job scheduler ids: one per periodic job, shared by every worker so each run happens once. */
export const SCHEDULER = {
  sweepDue: 'sweep-due-every',
  weeklyBulletin: 'weekly-bulletin-cron',
  reconcileInbox: 'reconcile-inbox-every',
  screeningRounds: 'screening-rounds-cron',
  ensurePartitions: 'ensure-partitions-every',
} as const;

export interface SweepDueData {
  /** Replay an instant (ISO); default: now. */
  at?: string;
}

export interface QueueDigestsData {
  /** Digests whose messages are recorded in the outbox, to be queued for sending. */
  digestIds: number[];
}

export interface WeeklyBulletinData {
  /** Report on the last whole week before this instant (ISO); default: now. */
  at?: string;
}

export interface ScreeningRoundsData {
  /** Open the rounds of this instant (ISO); default: now. */
  at?: string;
}

export interface HandleCallbackData {
  /** Handled one after the other, in order. */
  inboxIds: number[];
}

export interface FlushTaskCardsData {
  cadre: string;
}

export interface FlushVillagerUpdatesData {
  externalUserid: string;
}

export interface TriageReportData {
  /** Triaged together, in one transaction. */
  inboxIds: number[];
}

/** Department rows go to triage this many to a job; a villager's report goes alone, at once. */
export const TRIAGE_BATCH = 100;
/** Callbacks a web process stored together are handled this many to a job (cadres wait for the ones before theirs). */
export const CALLBACK_BATCH = 20;

/** A batch's id: its first and last inbox ids and its size (one row: just its id). */
const batchId = (prefix: string, ids: number[]) =>
  ids.length === 1 ? `${prefix}-${ids[0]}` : `${prefix}-${ids[0]}-${ids.at(-1)}-${ids.length}`;

/** BullMQ job ids must not contain ':'; these keep one job per inbox row, batch or message. */
export const jobId = {
  callback: (inboxIds: number[]) => batchId('inbox', inboxIds),
  triage: (inboxIds: number[]) => batchId('triage', inboxIds),
  taskNotice: (taskId: number) => `task-${taskId}`,
  villagerMessage: (inboxId: number) => `kf-${inboxId}`,
  kfReply: (msgid: string) => `kf-reply-${msgid}`,
  kfWelcome: (msgid: string) => `kf-welcome-${msgid}`,
  cardUpdate: (inboxId: number) => `card-update-${inboxId}`,
  /** A procedure step's card to the cadre whose turn it is (procedure id, change, cadre). */
  procedureCard: (key: string) => `proc-card-${key}`,
  /** One waiting flush per cadre: cards held meanwhile join it. */
  flushTaskCards: (cadre: string) => `task-cards-${cadre}`,
  batchCard: (batchId: number) => `batch-${batchId}`,
  /** A task's card redrawn after the text command of this inbox row. */
  taskRedraw: (inboxId: number, taskId: number) => `redraw-${inboxId}-${taskId}`,
  batchRedraw: (inboxId: number, batchId: number) => `redraw-${inboxId}-batch-${batchId}`,
  digest: (digestId: number) => `digest-${digestId}`,
  digestPage: (digestIds: number[]) => batchId('digests', digestIds),
  bulletin: (townshipId: string, weekStart: Date, userid: string) =>
    `bulletin-${townshipId}-${weekStart.getTime()}-${userid}`,
  /** A screening round's card to its n-th recipient. */
  roundCard: (roundId: number, n: number) => `round-${roundId}-${n}`,
  /** 一月一分析 to one county member: the digest, then the file. */
  monthlyDigest: (month: string, userid: string) => `monthly-${month}-${userid}`,
  monthlyFile: (month: string, userid: string) => `monthly-file-${month}-${userid}`,
  cadreReply: (inboxId: number, n: number) => `cadre-reply-${inboxId}-${n}`,
  /** A text to a cadre caused by something else (a villager's wish, a re-link); the key names the cause. */
  cadreNote: (key: string) => `cadre-note-${key}`,
  /** One flush per villager per time slot: updates made within a slot go out as one message. */
  villagerUpdates: (externalUserid: string, slot: number) => `vu-${externalUserid}-${slot}`,
};

/**
 * The jobs that handle inbox rows, by source: callbacks stored together go in one job, a villager's
 * message in its own, reports for triage in batches. The same rows always make the same jobs, so a
 * repeat adds nothing twice. With shard keys (QUEUE_SHARDS > 1, see inboxShardKeys), a triage batch
 * holds only rows of one key, and each job carries the key that picks its shard.
 */
export function inboxJobs(rows: Array<{ id: number; source: string }>, keys: ReadonlyMap<number, string> = new Map()) {
  const jobs: Array<{
    name: string;
    data: HandleCallbackData | TriageReportData | { inboxId: number };
    opts: { jobId: string };
    shardKey?: string;
  }> = [];
  const callbacks: number[] = [];
  const triage = new Map<string, number[]>();
  const withKey = (id: number) => {
    const key = keys.get(id);
    return key === undefined ? {} : { shardKey: key };
  };
  for (const { id, source } of rows) {
    if (source === 'wecom') callbacks.push(id);
    else if (source === 'kf')
      jobs.push({
        name: JOB.villagerMessage,
        data: { inboxId: id },
        opts: { jobId: jobId.villagerMessage(id) },
        ...withKey(id),
      });
    else {
      const key = keys.get(id) ?? '';
      const group = triage.get(key);
      if (group) group.push(id);
      else triage.set(key, [id]);
    }
  }
  for (const inboxIds of chunks(callbacks, CALLBACK_BATCH))
    jobs.push({ name: JOB.handleCallback, data: { inboxIds }, opts: { jobId: jobId.callback(inboxIds) } });
  for (const [key, ids] of triage)
    for (const inboxIds of chunks(ids, TRIAGE_BATCH))
      jobs.push({
        name: JOB.triageReport,
        data: { inboxIds },
        opts: { jobId: jobId.triage(inboxIds) },
        ...(key ? { shardKey: key } : {}),
      });
  return jobs;
}

function* chunks<T>(xs: T[], size: number): Generator<T[]> {
  for (let i = 0; i < xs.length; i += size) yield xs.slice(i, i + size);
}

/**
 * Queues split over QUEUE_SHARDS hash tags, so on a Redis Cluster their keys spread over the masters:
 * intake and notify. The schedule queue stays one, so each scheduler fires once.
 */
export const SHARDED_QUEUES: readonly QueueName[] = [QUEUE.intake, QUEUE.notify];

/** Shard 0 keeps the queue's own name (and a running deployment's keys); shard k is "intake-k". */
export const shardName = (queue: QueueName, shard: number): string => (shard === 0 ? queue : `${queue}-${shard}`);

/** Every queue name with `shards` shards: intake, intake-1, …, notify, notify-1, …, schedule. */
export function queueNamesOf(shards: number): string[] {
  return QUEUE_NAMES.flatMap((q) =>
    SHARDED_QUEUES.includes(q) ? Array.from({ length: shards }, (_, k) => shardName(q, k)) : [q],
  );
}

/** The queue a shard belongs to: "notify-2" → notify. */
export const baseQueue = (name: string): QueueName => name.replace(/-\d+$/, '') as QueueName;

/** A key's shard (FNV-1a): the same key always goes to the same shard. */
export function shardOf(key: string, shards: number): number {
  if (shards <= 1) return 0;
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  return (h >>> 0) % shards;
}

/**
 * What keeps a send in its shard: the recipient, so one member's messages stay in order in one shard
 * (and their send window with them); a task card, drawn at send time, by its job id.
 */
export function sendShardKey(data: SendWecomMessageData, id: string): string {
  if ('touser' in data) return data.touser;
  if ('externalUserid' in data) return data.externalUserid;
  return id;
}
