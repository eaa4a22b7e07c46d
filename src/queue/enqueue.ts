import type { CadreOutcome } from '../domain/ports/cadre.js';
import type { OutcomeContext, Outbound, Outbox } from '../domain/ports/outbox.js';
import { outcomeMessages } from './outcome-messages.js';
import type { StoredBulletin } from '../domain/ports/bulletin.js';
import type { TaskNotice } from '../domain/ports/triage.js';
import type { StoredDigest } from '../domain/ports/sweep.js';
import type { Queue } from 'bullmq';
import { addOrRetry, type FixedIdJob } from './add-or-retry.js';
import { inboxJobs, JOB, jobId, QUEUE, sendShardKey, type QueueName } from './jobs.js';
import { shardCount, shardFor, type Queues } from './queues.js';

export interface EnqueuerOptions {
  /**
   * Records outbound messages in the outbox table before they are queued (src/store/outbox-store.ts);
   * may return the job ids this call recorded (not recorded before, so not sent yet). With `claim`, they
   * are claimed too: this process sends them next (sendNow).
   */
  record(rows: Outbound[], opts?: { claim?: boolean }): Promise<ReadonlySet<string> | undefined>;
  /**
   * Records stored digests' messages (a text to the digest's cadre under each job id) in the outbox from
   * the stored digests, without their text passing through this process (recordDigestMessages).
   */
  recordDigests(rows: Array<{ digestId: number; jobId: string }>): Promise<void>;
  /** Status updates to a villager wait this long, so several go out as one message. */
  villagerUpdateDelayMs: number;
  /**
   * Each inbox row's shard key (src/store/inbox-shard-store.ts): asked only with more than one intake
   * shard, so one household's reports go to one shard. Without it, inbox jobs spread by their job id.
   */
  shardKeys?(inboxIds: number[]): Promise<ReadonlyMap<number, string>>;
  /**
   * Sends recorded messages in this process and returns those it did not send (jobs send them). The
   * answers of commands that changed nothing (cadreOutcomes) go this way in a worker, so they need no
   * job of their own; without it, as in the web role, every message is queued.
   */
  sendNow?(rows: Outbound[], recorded?: ReadonlySet<string>): Promise<Outbound[]>;
}

/** The reconciler's ways: the same jobs again, and a new attempt for any that had used up its attempts. */
export interface EnqueuerExtras {
  requeueInbox(rows: Array<{ id: number; source: string }>): Promise<void>;
  resend(rows: Outbound[]): Promise<void>;
  /** A page of digests the sweep recorded (Outbox.digests): each one's send job, queued. */
  queueDigests(rows: StoredDigest[]): Promise<void>;
  /** The same ways, with the answers of commands that changed nothing sent by `sendNow` (a worker's). */
  sendingWith(sendNow: NonNullable<EnqueuerOptions['sendNow']>): Outbox & EnqueuerExtras;
}

/**
 * The ways work is put on the queues, each with the job id that makes a retry add nothing twice.
 * Outbound messages are recorded in the outbox table first, so a job Redis loses is sent later anyway.
 */
export function enqueuer(queues: Queues, options: EnqueuerOptions): Outbox & EnqueuerExtras {
  const { record, recordDigests, villagerUpdateDelayMs, shardKeys, sendNow } = options;
  const sendJobs = (rows: Outbound[]) =>
    rows.map((r) => ({ name: JOB.sendWecomMessage, data: r.data, opts: { jobId: r.jobId } }));
  // Each job to its shard (QUEUE_SHARDS): a send by its recipient, an inbox job by its id.
  const byShard = <J extends FixedIdJob>(queue: QueueName, jobs: J[], key: (j: J) => string) => {
    const groups = new Map<Queue, J[]>();
    for (const j of jobs) {
      const q = shardFor(queues, queue, key(j));
      const group = groups.get(q);
      if (group) group.push(j);
      else groups.set(q, [j]);
    }
    return [...groups];
  };
  const sendKey = (j: { data: unknown; opts: { jobId: string } }) =>
    sendShardKey(j.data as Outbound['data'], j.opts.jobId);
  const inboxKey = (j: { opts: { jobId: string }; shardKey?: string }) => j.shardKey ?? j.opts.jobId;
  const keyed = shardCount(queues, QUEUE.intake) > 1 ? shardKeys : undefined;
  /** Inbox rows' jobs, each with the shard it goes to. */
  const inboxShards = async (rows: Array<{ id: number; source: string }>) => {
    const keys = keyed ? await keyed(rows.filter((r) => r.source !== 'wecom').map((r) => r.id)) : undefined;
    return byShard(QUEUE.intake, inboxJobs(rows, keys), inboxKey).map(
      ([q, jobs]) => [q, jobs.map(({ shardKey: _, ...job }) => job)] as const,
    );
  };
  const queueSends = (rows: Outbound[]) =>
    Promise.all(byShard(QUEUE.notify, sendJobs(rows), sendKey).map(([q, jobs]) => q.addBulk(jobs)));
  const send = async (rows: Outbound[]) => {
    if (!rows.length) return;
    await record(rows);
    await queueSends(rows);
  };
  /** Recorded first, so a crash or a Redis wipe mid-send leaves them to the reconciler like any other. */
  const sendHere = async (rows: Outbound[]) => {
    if (!sendNow) return send(rows);
    if (!rows.length) return;
    const left = await sendNow(rows, await record(rows, { claim: true }));
    if (left.length) await queueSends(left);
  };
  // A digest's message (recordDigestMessages, outbox-store.ts, builds the same one in SQL).
  const digestMessages = (rows: StoredDigest[]): Outbound[] =>
    rows.map((d) => ({ data: { kind: 'text', touser: d.cadre, content: d.content }, jobId: jobId.digest(d.id) }));
  const flushVillager = async (externalUserid: string) => {
    const slot = villagerUpdateDelayMs > 0 ? Math.floor(Date.now() / villagerUpdateDelayMs) : Date.now();
    await shardFor(queues, QUEUE.notify, externalUserid).add(
      JOB.flushVillagerUpdates,
      { externalUserid },
      {
        jobId: jobId.villagerUpdates(externalUserid, slot),
        delay: villagerUpdateDelayMs,
        removeOnComplete: true,
      },
    );
  };
  /** Inbox rows to the jobs that handle them (new rows, or the reconciler's). */
  const inbox = async (rows: Array<{ id: number; source: string }>) => {
    await Promise.all((await inboxShards(rows)).map(([q, jobs]) => q.addBulk(jobs)));
  };
  /** Commands' outcomes in order: every message recorded and sent or queued at once, then villagers and reports. */
  const outcomes = async (items: Array<{ out: CadreOutcome; ctx: OutcomeContext }>, here = false) => {
    const messages = items.flatMap(({ out, ctx }) => outcomeMessages(out, ctx));
    await (here ? sendHere(messages) : send(messages));
    for (const { out } of items) for (const v of out.villagers) await flushVillager(v);
    // 上报: the stored reports go to triage like any channel's (the reconciler queues any this misses).
    const reports = items.flatMap(({ out }) => out.reports ?? []);
    if (reports.length) await inbox(reports.map((id) => ({ id, source: 'cadre' })));
  };
  return {
    inbox,

    /** The reconciler's: the same jobs again, and a new attempt for any that had used up its attempts. */
    requeueInbox: async (rows: Array<{ id: number; source: string }>) => {
      for (const [q, jobs] of await inboxShards(rows)) await addOrRetry(q, jobs);
    },
    resend: async (rows: Outbound[]) => {
      for (const [q, jobs] of byShard(QUEUE.notify, sendJobs(rows), sendKey)) await addOrRetry(q, jobs);
    },

    send,

    taskCards: (notices: TaskNotice[]) =>
      send(notices.map((n) => ({ data: { kind: 'task_card', taskId: n.taskId }, jobId: jobId.taskNotice(n.taskId) }))),

    flushVillager,

    batchCards: (batchIds: number[]) =>
      send(batchIds.map((batchId) => ({ data: { kind: 'batch_card', batchId }, jobId: jobId.batchCard(batchId) }))),

    flushCards: async (cadres: string[], delayMs: number) => {
      for (const cadre of cadres)
        await queues.notify.add(
          JOB.flushTaskCards,
          { cadre },
          { jobId: jobId.flushTaskCards(cadre), delay: delayMs, removeOnComplete: true, removeOnFail: true },
        );
    },

    // Recorded here, queued by a worker: adding a busy morning's 13,610 send jobs was ~1 s of the sweep's
    // CPU. A lost queue-digests job loses nothing: its messages are in the outbox, unsent, for the reconciler.
    digests: async (digestIds: number[]) => {
      if (!digestIds.length) return;
      await recordDigests(digestIds.map((id) => ({ digestId: id, jobId: jobId.digest(id) })));
      await queues.notify.add(JOB.queueDigests, { digestIds }, { jobId: jobId.digestPage(digestIds) });
    },
    queueDigests: async (rows) => {
      if (rows.length) await queueSends(digestMessages(rows));
    },

    bulletins: (rows: StoredBulletin[]) =>
      send(
        rows.flatMap((b) =>
          b.to.map((touser) => ({
            data: { kind: 'markdown' as const, touser, content: b.content },
            jobId: jobId.bulletin(b.townshipId, b.weekStart, touser),
          })),
        ),
      ),

    roundCards: (rows) =>
      send(
        rows.map((r) => ({
          data: { kind: 'card' as const, touser: r.touser, card: r.card },
          jobId: jobId.roundCard(r.roundId, r.n),
        })),
      ),

    // The digest, and its workbook made and uploaded when its message is sent.
    monthlyDigests: (rows) =>
      send(
        rows.flatMap((d) =>
          d.to.flatMap((touser) => [
            {
              data: { kind: 'markdown' as const, touser, content: d.content },
              jobId: jobId.monthlyDigest(d.month, touser),
            },
            {
              data: { kind: 'file' as const, touser, file: { kind: 'monthly_analysis' as const, month: d.month } },
              jobId: jobId.monthlyFile(d.month, touser),
            },
          ]),
        ),
      ),

    /** Everything a cadre command led to: the answer, the redrawn card, new cards, notices, villager updates. */
    cadreOutcome: (out: CadreOutcome, ctx: OutcomeContext) => outcomes([{ out, ctx }]),
    cadreOutcomes: (items: Array<{ out: CadreOutcome; ctx: OutcomeContext }>) => outcomes(items, true),

    sendingWith: (now) => enqueuer(queues, { ...options, sendNow: now }),
  };
}

export type Enqueuer = ReturnType<typeof enqueuer>;
