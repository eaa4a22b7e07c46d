import { Redis } from 'ioredis';

/**
 * For workers (BullMQ requires it for blocking commands) and the per-member send window: commands wait
 * out a reconnect instead of failing, since a worker has nothing better to do while Redis is away.
 */
export function createRedis(url: string): Redis {
  return new Redis(url, { maxRetriesPerRequest: null, lazyConnect: false });
}

/**
 * For adding jobs (BullMQ's Queue, the producer side). The caller already holds the durable record (an
 * inbox or outbox row) and the reconciler queues it later, so failing fast beats waiting: no offline
 * queue (a command while disconnected fails at once), no retry after a reconnect, and a command Redis
 * does not answer (a hung or partitioned server) fails after `commandTimeoutMs`. Nothing piles up in
 * memory while Redis is down.
 */
export function createProducerRedis(url: string, { commandTimeoutMs }: { commandTimeoutMs: number }): Redis {
  return new Redis(url, {
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    commandTimeout: commandTimeoutMs,
    connectTimeout: Math.max(commandTimeoutMs, 1000),
  });
}

/** For health checks: fails fast while Redis is down instead of queueing the command. */
export function createProbeRedis(url: string): Redis {
  return new Redis(url, { maxRetriesPerRequest: 0, enableOfflineQueue: false, connectTimeout: 1000 });
}

/** Resolves once the connection is ready (start-up waits for Redis rather than starting half-connected). */
export function whenReady(redis: Redis): Promise<void> {
  if (redis.status === 'ready') return Promise.resolve();
  return new Promise((resolve) => redis.once('ready', () => resolve()));
}
