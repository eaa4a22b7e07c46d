import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import { JOB, SCHEDULER } from '../queue/jobs.js';
import type { Queues } from '../queue/queues.js';
import type { Infra } from './infra.js';

/** Puts the periodic jobs in Redis now, and again whenever Redis comes back (an empty one lost them). */
export async function startSchedulers({ queues, redis }: Infra, config: Config, logger: Logger): Promise<void> {
  await ensureSchedulers(queues, config);
  redis.on(
    'ready',
    () =>
      void ensureSchedulers(queues, config).catch((err: Error) =>
        logger.warn({ err: err.message }, 'schedulers not restored'),
      ),
  );
}

/**
 * One scheduler id per periodic job, shared by every worker: BullMQ keeps a single next run, so each
 * fires once however many workers run. Turned off in the config means removed from Redis too.
 */
async function ensureSchedulers(queues: Queues, config: Config): Promise<void> {
  const every = [
    [SCHEDULER.sweepDue, JOB.sweepDue, config.SWEEP_EVERY_MS],
    [SCHEDULER.reconcileInbox, JOB.reconcileInbox, config.RECONCILE_EVERY_MS],
    // Partitions are made three months ahead; checking four times a day keeps that true through any outage.
    [SCHEDULER.ensurePartitions, JOB.ensurePartitions, 6 * 3_600_000],
  ] as const;
  for (const [id, name, ms] of every) {
    if (ms > 0) await queues.schedule.upsertJobScheduler(id, { every: ms }, { name, data: {} });
    else await queues.schedule.removeJobScheduler(id);
  }
  if (config.BULLETIN_CRON) {
    await queues.schedule.upsertJobScheduler(
      SCHEDULER.weeklyBulletin,
      { pattern: config.BULLETIN_CRON, tz: config.TZ_NAME },
      { name: JOB.weeklyBulletin, data: {} },
    );
  } else await queues.schedule.removeJobScheduler(SCHEDULER.weeklyBulletin);
  if (config.ROUNDS_CRON) {
    await queues.schedule.upsertJobScheduler(
      SCHEDULER.screeningRounds,
      { pattern: config.ROUNDS_CRON, tz: config.TZ_NAME },
      { name: JOB.screeningRounds, data: {} },
    );
  } else await queues.schedule.removeJobScheduler(SCHEDULER.screeningRounds);
}
