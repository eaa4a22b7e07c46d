import { type Config, loadConfig } from '../config.js';
import { createLogger } from '../logger.js';
import { type Enqueuer, enqueuer } from '../queue/enqueue.js';
import { closeAll, createQueues } from '../queue/queues.js';
import { createRedis } from '../queue/redis.js';
import { recordDigestMessages, recordOutbound } from '../store/outbox-store.js';
import type { Db } from '../store/db.js';
import { migrate } from '../store/migrate.js';
import { openDb } from '../store/open-db.js';

/** Opens the configured database for one CLI command, migrated, and closes it after. */
export async function withDb<T>(fn: (db: Db) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const db = await openDb({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR });
  try {
    await migrate(db);
    return await fn(db);
  } finally {
    await db.close();
  }
}

export /** Runs `fn` with the database and an outbox over the queues (what it sends is queued for the workers). */
async function withOutbox<R>(config: Config, fn: (db: Db, outbox: Enqueuer) => Promise<R>): Promise<R> {
  return withDb(async (db) => {
    const redis = createRedis(config.redis);
    const queues = createQueues({
      connection: redis,
      prefix: config.QUEUE_PREFIX,
      shards: config.QUEUE_SHARDS,
      logger: createLogger('silent'),
      retry: { attempts: config.JOB_ATTEMPTS, backoffMs: config.JOB_BACKOFF_MS },
    });
    try {
      const outbox = enqueuer(queues, {
        record: (rows) => recordOutbound(db, rows),
        recordDigests: (rows) => recordDigestMessages(db, rows),
        villagerUpdateDelayMs: config.VILLAGER_UPDATE_DELAY_MS,
      });
      return await fn(db, outbox);
    } finally {
      await closeAll(queues, []);
      redis.disconnect();
    }
  });
}
