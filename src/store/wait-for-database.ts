import type { Logger } from '../logger.js';
import type { Db } from './db.js';
import { isDatabaseUnavailable } from './db-errors.js';

export interface WaitForDatabaseOptions {
  logger: Logger;
  /** First pause between tries; doubles up to maxDelayMs. */
  delayMs?: number;
  maxDelayMs?: number;
}

/**
 * Start-up waits for a database that is down or still starting (a host reboot brings Postgres and the
 * service up together) instead of crashing and leaving it to a supervisor's restart loop. Only an outage
 * is waited out: a wrong password or a missing database fails at once, since waiting would not fix it.
 */
export async function waitForDatabase(
  db: Db,
  { logger, delayMs = 250, maxDelayMs = 5000 }: WaitForDatabaseOptions,
): Promise<void> {
  const since = Date.now();
  for (let attempt = 1; ; attempt++) {
    try {
      await db.query('SELECT 1');
      if (attempt > 1) logger.info({ waitedMs: Date.now() - since }, 'database reachable');
      return;
    } catch (err) {
      if (!isDatabaseUnavailable(err)) throw err;
      const pause = Math.min(maxDelayMs, delayMs * 2 ** (attempt - 1));
      // Once at first, then about every minute: enough to see why start-up stalls without flooding.
      if (attempt === 1 || attempt % 12 === 0)
        logger.warn({ err: (err as Error).message, attempt, retryInMs: pause }, 'waiting for the database');
      await new Promise((r) => setTimeout(r, pause));
    }
  }
}
