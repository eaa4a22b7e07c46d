import { afterAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logger.js';
import { QUEUE } from '../../src/queue/jobs.js';
import { closeAll, createQueues, queuePrefix, startWorkers } from '../../src/queue/queues.js';
import { isCluster } from '../../src/queue/redis.js';
import { dropPrefix, testPrefix, testRedis } from '../helpers/test-redis.js';

describe('queue wiring', () => {
  const prefix = testPrefix();
  const connection = testRedis(); // TEST_REDIS_URL: one server, or a cluster (npm run test:cluster)
  const logger = createLogger('silent');
  afterAll(async () => {
    await dropPrefix(prefix);
    connection.disconnect();
  });

  it('lets a running job finish on graceful close and takes no new ones', async () => {
    const queues = createQueues({ connection, prefix, logger });
    const finished: string[] = [];
    let started!: () => void;
    const running = new Promise<void>((r) => (started = r));
    const workers = startWorkers({
      connection,
      prefix,
      logger,
      concurrency: { intake: 1 },
      processors: {
        intake: async (job) => {
          started();
          await new Promise((r) => setTimeout(r, 300));
          finished.push(job.name);
        },
      },
    });
    await queues.intake.add('first', {});
    await running;
    await queues.intake.add('second', {});
    await closeAll(undefined, workers); // waits for 'first'
    expect(finished).toEqual(['first']);
    expect(await queues.intake.getJobCounts('completed', 'waiting')).toEqual({ completed: 1, waiting: 1 });
    await closeAll(queues, []);
  });

  it('creates one queue per name under the prefix, with retries and backoff by default', async () => {
    const queues = createQueues({ connection, prefix, logger });
    expect(Object.keys(queues).sort()).toEqual(Object.values(QUEUE).sort());
    const job = await queues.notify.add('x', {});
    expect(job.opts.attempts).toBe(8);
    expect(job.opts.backoff).toEqual({ type: 'exponential', delay: 1000 });
    expect(await connection.exists(`${queuePrefix(prefix, 'notify', isCluster(connection))}:notify:${job.id}`)).toBe(1);
    await closeAll(queues, []);
  });
});
