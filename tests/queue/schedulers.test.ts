import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import { JOB, SCHEDULER } from '../../src/queue/jobs.js';
import { closeAll, createQueues } from '../../src/queue/queues.js';
import type { Infra } from '../../src/wiring/infra.js';
import { startSchedulers } from '../../src/wiring/schedulers.js';
import { dropPrefix, REDIS_URL, testPrefix, testRedis } from '../helpers/test-redis.js';

/** The periodic jobs as several workers start them: one scheduler (one next run) per job, whatever their number. */
describe('job schedulers', () => {
  const prefix = testPrefix();
  const connection = testRedis();
  const logger = createLogger('silent');
  afterAll(async () => {
    await dropPrefix(prefix);
    connection.disconnect();
  });
  const config = (env: Record<string, string>) =>
    loadConfig({
      REDIS_URL,
      QUEUE_PREFIX: prefix,
      DATA_DIR: 'memory://',
      SWEEP_EVERY_MS: '0',
      RECONCILE_EVERY_MS: '0',
      ...env,
    });

  it('three workers starting together leave one screening-rounds scheduler and one next run; empty removes it', async () => {
    const sets = [1, 2, 3].map(() => createQueues({ connection, prefix, logger }));
    const on = config({ ROUNDS_CRON: '30 7 * * *', TZ_NAME: 'Asia/Shanghai', BULLETIN_CRON: '' });
    await Promise.all(
      sets.map((queues) => startSchedulers({ queues, redis: connection } as unknown as Infra, on, logger)),
    );
    const schedule = sets[0]!.schedule;
    const ours = async () => (await schedule.getJobSchedulers()).filter((s) => s.key === SCHEDULER.screeningRounds);
    const schedulers = await ours();
    expect(schedulers).toHaveLength(1);
    expect(schedulers[0]).toMatchObject({ pattern: '30 7 * * *', tz: 'Asia/Shanghai' });
    const next = (await schedule.getDelayed()).filter((j) => j.name === JOB.screeningRounds);
    expect(next).toHaveLength(1);
    const off = config({ ROUNDS_CRON: '', BULLETIN_CRON: '' });
    await startSchedulers({ queues: sets[1]!, redis: connection } as unknown as Infra, off, logger);
    expect(await ours()).toEqual([]);
    await Promise.all(sets.map((q) => closeAll(q, [])));
  });
});
