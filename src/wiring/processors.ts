import type { Job } from 'bullmq';
import { flushVillagerUpdatesJob } from '../../jobs/flush-villager-updates.js';
import { flushTaskCardsJob } from '../../jobs/flush-task-cards.js';
import type { CardBatchDeps } from '../domain/use-cases/route-task-cards.js';
import type { SendVillagerUpdatesDeps } from '../domain/use-cases/send-villager-updates.js';
import { handleCallbackJob } from '../../jobs/handle-callback.js';
import type { HandleCallbacksDeps } from '../domain/use-cases/handle-callbacks.js';
import { sendWecomMessage, type SendWecomMessageDeps } from '../../jobs/send-wecom-message.js';
import { sweepDueJob } from '../../jobs/sweep-due.js';
import { queueDigestsJob, type QueueDigestsDeps } from '../../jobs/queue-digests.js';
import { reconcileInboxJob } from '../../jobs/reconcile-inbox.js';
import { ensurePartitionsJob } from '../../jobs/ensure-partitions.js';
import type { EnsurePartitionsDeps } from '../domain/use-cases/ensure-partitions.js';
import { weeklyBulletinJob } from '../../jobs/weekly-bulletin.js';
import { screeningRoundsJob } from '../../jobs/screening-rounds.js';
import type { RunScreeningRoundsDeps } from '../domain/use-cases/run-screening-rounds.js';
import type { ReconcileInboxDeps } from '../domain/use-cases/reconcile-inbox.js';
import type { RunSweepDeps } from '../domain/use-cases/run-sweep.js';
import type { RunWeeklyBulletinDeps } from '../domain/use-cases/run-weekly-bulletin.js';
import { triageReportJob } from '../../jobs/triage-report.js';
import type { TriageBatchDeps } from '../domain/use-cases/triage-batch.js';
import { villagerMessageJob } from '../../jobs/villager-message.js';
import type { VillagerMessageDeps } from '../domain/use-cases/handle-villager-message.js';
import { JOB } from '../queue/jobs.js';
import type { Processors } from '../queue/queues.js';

export interface WorkerDeps extends SendWecomMessageDeps {
  intake?: TriageBatchDeps & HandleCallbacksDeps & VillagerMessageDeps;
  villagerUpdates?: SendVillagerUpdatesDeps;
  /** The sweep's digests, recorded in the outbox, to their send jobs. */
  queueDigests?: QueueDigestsDeps;
  /** Holding and flushing task cards of a burst as summaries. */
  cardBatches?: CardBatchDeps;
  schedule?: RunSweepDeps & {
    bulletin: RunWeeklyBulletinDeps;
    reconcile: ReconcileInboxDeps;
    rounds?: RunScreeningRoundsDeps;
    partitions: EnsurePartitionsDeps;
  };
}

type Handler = (job: Job, token?: string) => Promise<unknown>;

/** One processor per queue that dispatches on the job name. */
function byName(queue: string, handlers: Record<string, Handler>) {
  return (job: Job, token?: string) => {
    const handler = handlers[job.name];
    if (!handler) throw new Error(`unknown job ${job.name} on ${queue}`);
    return handler(job, token);
  };
}

/** Maps each queue's job names to their processors. */
export function buildProcessors(deps: WorkerDeps): Processors {
  const { intake, villagerUpdates, schedule, cardBatches, queueDigests } = deps;
  return {
    notify: byName('notify', {
      [JOB.sendWecomMessage]: sendWecomMessage(deps),
      ...(villagerUpdates && { [JOB.flushVillagerUpdates]: flushVillagerUpdatesJob(villagerUpdates) }),
      ...(cardBatches && { [JOB.flushTaskCards]: flushTaskCardsJob(cardBatches) }),
      ...(queueDigests && { [JOB.queueDigests]: queueDigestsJob(queueDigests) }),
    }),
    ...(schedule && {
      schedule: byName('schedule', {
        [JOB.sweepDue]: sweepDueJob(schedule),
        [JOB.weeklyBulletin]: weeklyBulletinJob(schedule.bulletin),
        [JOB.reconcileInbox]: reconcileInboxJob(schedule.reconcile),
        ...(schedule.rounds && { [JOB.screeningRounds]: screeningRoundsJob(schedule.rounds) }),
        [JOB.ensurePartitions]: ensurePartitionsJob(schedule.partitions),
      }),
    }),
    ...(intake && {
      intake: byName('intake', {
        [JOB.triageReport]: triageReportJob(intake),
        [JOB.handleCallback]: handleCallbackJob(intake),
        [JOB.villagerMessage]: villagerMessageJob(intake),
      }),
    }),
  };
}
