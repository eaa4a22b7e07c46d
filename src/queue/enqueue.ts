import type { CadreOutcome } from '../domain/ports/cadre.js';
import type { Outbound, Outbox } from '../domain/ports/outbox.js';
import type { StoredBulletin } from '../domain/ports/bulletin.js';
import type { TaskNotice } from '../domain/ports/triage.js';
import type { Queue } from 'bullmq';
import { addOrRetry, type FixedIdJob } from './add-or-retry.js';
import { inboxJobs, JOB, jobId, QUEUE, sendShardKey, type QueueName } from './jobs.js';
import { shardFor, type Queues } from './queues.js';

export interface EnqueuerOptions {
  /** Records outbound messages in the outbox table before they are queued (src/store/outbox-store.ts). */
  record(rows: Outbound[]): Promise<void>;
  /** Status updates to a villager wait this long, so several go out as one message. */
  villagerUpdateDelayMs: number;
}

/** The reconciler's ways: the same jobs again, and a new attempt for any that had used up its attempts. */
export interface EnqueuerExtras {
  requeueInbox(rows: Array<{ id: number; source: string }>): Promise<void>;
  resend(rows: Outbound[]): Promise<void>;
}

/**
 * The ways work is put on the queues, each with the job id that makes a retry add nothing twice.
 * Outbound messages are recorded in the outbox table first, so a job Redis loses is sent later anyway.
 */
export function enqueuer(queues: Queues, { record, villagerUpdateDelayMs }: EnqueuerOptions): Outbox & EnqueuerExtras {
  const sendJobs = (rows: Outbound[]) =>
    rows.map((r) => ({ name: JOB.sendWecomMessage, data: r.data, opts: { jobId: r.jobId } }));
  // Each job to its shard (QUEUE_SHARDS): a send by its recipient, an inbox job by its id.
  const byShard = <J extends FixedIdJob>(queue: QueueName, jobs: J[], key: (j: J) => string) => {
    const groups = new Map<Queue, J[]>();
    for (const j of jobs) {
      const q = shardFor(queues, queue, key(j));
      groups.set(q, [...(groups.get(q) ?? []), j]);
    }
    return [...groups];
  };
  const sendKey = (j: { data: unknown; opts: { jobId: string } }) =>
    sendShardKey(j.data as Outbound['data'], j.opts.jobId);
  const inboxKey = (j: { opts: { jobId: string } }) => j.opts.jobId;
  const send = async (rows: Outbound[]) => {
    if (!rows.length) return;
    await record(rows);
    await Promise.all(byShard(QUEUE.notify, sendJobs(rows), sendKey).map(([q, jobs]) => q.addBulk(jobs)));
  };
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
    await Promise.all(byShard(QUEUE.intake, inboxJobs(rows), inboxKey).map(([q, jobs]) => q.addBulk(jobs)));
  };
  return {
    inbox,

    /** The reconciler's: the same jobs again, and a new attempt for any that had used up its attempts. */
    requeueInbox: async (rows: Array<{ id: number; source: string }>) => {
      for (const [q, jobs] of byShard(QUEUE.intake, inboxJobs(rows), inboxKey)) await addOrRetry(q, jobs);
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

    digests: (rows: Array<{ id: number; cadre: string; content: string }>) =>
      send(
        rows.map((d) => ({ data: { kind: 'text', touser: d.cadre, content: d.content }, jobId: jobId.digest(d.id) })),
      ),

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
    cadreOutcome: async (
      out: CadreOutcome,
      ctx: { inboxId: number; userid: string; responseCode?: string; cardId?: string },
    ) => {
      const texts = [...(out.reply ? [{ touser: ctx.userid, content: out.reply }] : []), ...out.notices];
      // Without a press code, a task's latest card is redrawn with the one message/send gave, or sent afresh.
      const redraw = (taskId: number, own = false) => ({
        data: { kind: 'task_redraw' as const, taskId, key: String(ctx.inboxId), ...(own ? { own } : {}) },
        jobId: jobId.taskRedraw(ctx.inboxId, taskId),
      });
      await send([
        ...texts.map((t, i) => ({ data: { kind: 'text' as const, ...t }, jobId: jobId.cadreReply(ctx.inboxId, i) })),
        ...pressedCard(out, ctx),
        // A text command has no press code: the task's card is redrawn with the one message/send gave, or sent afresh.
        ...(ctx.responseCode || out.refreshTask === null ? [] : [out.refreshTask]).map((taskId) => redraw(taskId)),
        ...(out.redraw ?? []).map((taskId) => redraw(taskId, true)),
        ...(!ctx.responseCode && out.refreshBatch != null
          ? [
              {
                data: { kind: 'batch_redraw' as const, batchId: out.refreshBatch, key: String(ctx.inboxId) },
                jobId: jobId.batchRedraw(ctx.inboxId, out.refreshBatch),
              },
            ]
          : []),
        ...out.newTasks.map((taskId) => ({
          data: { kind: 'task_card' as const, taskId },
          jobId: jobId.taskNotice(taskId),
        })),
        ...(out.replaceCard && ctx.responseCode
          ? [
              {
                data: {
                  kind: 'card_replace' as const,
                  touser: ctx.userid,
                  responseCode: ctx.responseCode,
                  replaceName: out.replaceCard,
                },
                jobId: jobId.cardUpdate(ctx.inboxId),
              },
            ]
          : []),
        ...(out.cards ?? []).map((c) => ({
          data: { kind: 'card' as const, touser: c.touser, card: c.card },
          jobId: jobId.procedureCard(c.key),
        })),
      ]);
      for (const v of out.villagers) await flushVillager(v);
      // 上报: the stored reports go to triage like any channel's (the reconciler queues any this misses).
      if (out.reports?.length) await inbox(out.reports.map((id) => ({ id, source: 'cadre' })));
    },
  };
}

export type Enqueuer = ReturnType<typeof enqueuer>;

/** The pressed card (a task's or a summary), redrawn in place with the press's single-use code. */
function pressedCard(
  out: CadreOutcome,
  ctx: { inboxId: number; userid: string; responseCode?: string; cardId?: string },
): Outbound[] {
  if (!ctx.responseCode) return [];
  const id = jobId.cardUpdate(ctx.inboxId);
  if (out.refreshBatch != null)
    return [
      {
        data: {
          kind: 'batch_card_update',
          batchId: out.refreshBatch,
          touser: ctx.userid,
          responseCode: ctx.responseCode,
        },
        jobId: id,
      },
    ];
  if (out.refreshTask === null) return [];
  return [
    {
      data: {
        kind: 'card_update',
        taskId: out.refreshTask,
        touser: ctx.userid,
        responseCode: ctx.responseCode,
        ...(ctx.cardId ? { cardId: ctx.cardId } : {}),
      },
      jobId: id,
    },
  ];
}
