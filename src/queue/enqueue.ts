import type { CadreOutcome } from '../domain/ports/cadre.js';
import type { TaskNotice } from '../domain/ports/triage.js';
import type { SweepDueJobDeps } from '../../jobs/sweep-due.js';
import type { Policy } from '../domain/policy.js';
import type { Db, Queryable } from '../store/db.js';
import { recordOutbound } from '../store/outbox-store.js';
import { type Outbound } from '../domain/ports/outbox.js';
import { markDigestsQueued, sweepTransaction, unqueuedDigests } from '../store/sweep-store.js';
import { bulletinStore, markBulletinsQueued, unqueuedBulletins } from '../store/bulletin-store.js';
import { type StoredBulletin } from '../domain/ports/bulletin.js';
import type { WeeklyBulletinJobDeps } from '../../jobs/weekly-bulletin.js';
import { addOrRetry } from './add-or-retry.js';
import { inboxJobs, JOB, jobId } from './jobs.js';
import type { Queues } from './queues.js';

/**
 * The ways work is put on the queues, each with the job id that makes a retry add nothing twice.
 * Outbound messages are recorded in the outbox table first, so a job Redis loses is sent later anyway.
 */
export function enqueuer(
  queues: Queues,
  { db, villagerUpdateDelayMs }: { db: Queryable; villagerUpdateDelayMs: number },
) {
  const sendJobs = (rows: Outbound[]) =>
    rows.map((r) => ({ name: JOB.sendWecomMessage, data: r.data, opts: { jobId: r.jobId } }));
  const send = async (rows: Outbound[]) => {
    if (!rows.length) return;
    await recordOutbound(db, rows);
    await queues.notify.addBulk(sendJobs(rows));
  };
  const flushVillager = async (externalUserid: string) => {
    const slot = villagerUpdateDelayMs > 0 ? Math.floor(Date.now() / villagerUpdateDelayMs) : Date.now();
    await queues.notify.add(
      JOB.flushVillagerUpdates,
      { externalUserid },
      {
        jobId: jobId.villagerUpdates(externalUserid, slot),
        delay: villagerUpdateDelayMs,
        removeOnComplete: true,
      },
    );
  };
  return {
    /** Inbox rows to the jobs that handle them (new rows, or the reconciler's). */
    inbox: async (rows: Array<{ id: number; source: string }>) => {
      await queues.intake.addBulk(inboxJobs(rows));
    },

    /** The reconciler's: the same jobs again, and a new attempt for any that had used up its attempts. */
    requeueInbox: async (rows: Array<{ id: number; source: string }>) => {
      await addOrRetry(queues.intake, inboxJobs(rows));
    },
    resend: async (rows: Outbound[]) => {
      await addOrRetry(queues.notify, sendJobs(rows));
    },

    send,

    taskCards: (notices: TaskNotice[]) =>
      send(notices.map((n) => ({ data: { kind: 'task_card', taskId: n.taskId }, jobId: jobId.taskNotice(n.taskId) }))),

    flushVillager,

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

    /** Everything a cadre command led to: the answer, the redrawn card, new cards, notices, villager updates. */
    cadreOutcome: async (out: CadreOutcome, ctx: { inboxId: number; userid: string; responseCode?: string }) => {
      const texts = [...(out.reply ? [{ touser: ctx.userid, content: out.reply }] : []), ...out.notices];
      await send([
        ...texts.map((t, i) => ({ data: { kind: 'text' as const, ...t }, jobId: jobId.cadreReply(ctx.inboxId, i) })),
        ...(out.refreshTask !== null && ctx.responseCode
          ? [
              {
                data: {
                  kind: 'card_update' as const,
                  taskId: out.refreshTask,
                  touser: ctx.userid,
                  responseCode: ctx.responseCode,
                },
                jobId: jobId.cardUpdate(ctx.inboxId),
              },
            ]
          : []),
        ...out.newTasks.map((taskId) => ({
          data: { kind: 'task_card' as const, taskId },
          jobId: jobId.taskNotice(taskId),
        })),
      ]);
      for (const v of out.villagers) await flushVillager(v);
    },
  };
}

export type Enqueuer = ReturnType<typeof enqueuer>;

/** Queues stored rows not yet queued, a page at a time, marking each page, until none are left. */
async function drain<T>(
  page: () => Promise<T[]>,
  queue: (rows: T[]) => Promise<void>,
  mark: (rows: T[]) => Promise<void>,
): Promise<number> {
  let queued = 0;
  for (let rows = await page(); rows.length; rows = await page()) {
    await queue(rows);
    await mark(rows);
    queued += rows.length;
  }
  return queued;
}

/** The sweep's dependencies: the store port per transaction, and digests handed to the notify queue. */
export function sweepDeps(
  db: Db,
  policy: Policy,
  timeZone: string,
  outbox: Pick<Enqueuer, 'digests'>,
): SweepDueJobDeps {
  return {
    sweep: { policy, timeZone, transaction: sweepTransaction(db) },
    now: () => new Date(),
    queueDigests: () =>
      drain(
        () => unqueuedDigests(db),
        outbox.digests,
        (rows) =>
          markDigestsQueued(
            db,
            rows.map((r) => r.id),
          ),
      ),
  };
}

/** The weekly bulletin's dependencies: figures from the store, stored bulletins handed to the notify queue. */
export function bulletinDeps(
  db: Db,
  policy: Policy,
  timeZone: string,
  outbox: Pick<Enqueuer, 'bulletins'>,
): WeeklyBulletinJobDeps {
  return {
    bulletins: { policy, timeZone, store: bulletinStore(db) },
    now: () => new Date(),
    queueBulletins: () =>
      drain(
        () => unqueuedBulletins(db),
        outbox.bulletins,
        (rows) => markBulletinsQueued(db, rows),
      ),
  };
}
