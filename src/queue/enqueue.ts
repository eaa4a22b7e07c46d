import type { CadreOutcome } from '../domain/cadre/cadre-ports.js';
import type { TaskNotice } from '../domain/use-cases/triage-report.js';
import type { SweepDueJobDeps } from '../../jobs/sweep-due.js';
import type { Policy } from '../domain/policy.js';
import type { Db } from '../store/db.js';
import { markDigestsQueued, sweepStore, unqueuedDigests } from '../store/sweep-store.js';
import { JOB, jobId } from './jobs.js';
import type { Queues } from './queues.js';

/** The ways work is put on the queues, each with the job id that makes a retry add nothing twice. */
export function enqueuer(queues: Queues, { villagerUpdateDelayMs }: { villagerUpdateDelayMs: number }) {
  const flushVillager = async (externalUserid: string) => {
    const slot = villagerUpdateDelayMs > 0 ? Math.floor(Date.now() / villagerUpdateDelayMs) : Date.now();
    await queues.notify.add(JOB.flushVillagerUpdates, { externalUserid }, {
      jobId: jobId.villagerUpdates(externalUserid, slot), delay: villagerUpdateDelayMs, removeOnComplete: true,
    });
  };
  return {
    taskCards: async (notices: TaskNotice[]) => {
      await queues.notify.addBulk(notices.map((n) => ({ name: JOB.sendWecomMessage, data: { kind: 'task_card' as const, taskId: n.taskId }, opts: { jobId: jobId.taskNotice(n.taskId) } })));
    },

    flushVillager,

    digests: async (rows: Array<{ id: number; cadre: string; content: string }>) => {
      await queues.notify.addBulk(rows.map((d) => ({ name: JOB.sendWecomMessage, data: { kind: 'text' as const, touser: d.cadre, content: d.content }, opts: { jobId: jobId.digest(d.id) } })));
    },

    /** Everything a cadre command led to: the answer, the redrawn card, new cards, notices, villager updates. */
    cadreOutcome: async (out: CadreOutcome, ctx: { inboxId: number; userid: string; responseCode?: string }) => {
      const texts = [...(out.reply ? [{ touser: ctx.userid, content: out.reply }] : []), ...out.notices];
      await queues.notify.addBulk([
        ...texts.map((t, i) => ({ name: JOB.sendWecomMessage, data: { kind: 'text' as const, ...t }, opts: { jobId: jobId.cadreReply(ctx.inboxId, i) } })),
        ...(out.refreshTask !== null && ctx.responseCode
          ? [{ name: JOB.sendWecomMessage, data: { kind: 'card_update' as const, taskId: out.refreshTask, touser: ctx.userid, responseCode: ctx.responseCode }, opts: { jobId: jobId.cardUpdate(ctx.inboxId) } }]
          : []),
        ...out.newTasks.map((taskId) => ({ name: JOB.sendWecomMessage, data: { kind: 'task_card' as const, taskId }, opts: { jobId: jobId.taskNotice(taskId) } })),
      ]);
      for (const v of out.villagers) await flushVillager(v);
    },
  };
}

export type Enqueuer = ReturnType<typeof enqueuer>;

/** The sweep's dependencies: the store port per transaction, and digests handed to the notify queue. */
export function sweepDeps(db: Db, policy: Policy, timeZone: string, outbox: Pick<Enqueuer, 'digests'>): SweepDueJobDeps {
  return {
    sweep: { policy, timeZone, transaction: (fn) => db.transaction((tx) => fn(sweepStore(tx))) },
    now: () => new Date(),
    queueDigests: async () => {
      const rows = await unqueuedDigests(db);
      if (!rows.length) return 0;
      await outbox.digests(rows);
      await markDigestsQueued(db, rows.map((r) => r.id));
      return rows.length;
    },
  };
}
