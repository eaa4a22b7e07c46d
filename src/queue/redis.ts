import { Cluster, Redis, type RedisOptions } from 'ioredis';
import type { RedisTarget } from '../config.js';

/** One Redis server or a Redis Cluster: every connection the service opens is one of these. */
export type RedisConnection = Redis | Cluster;

/** A connection of the given kind to the target: a Cluster (with the same per-node options) in cluster mode. */
function connect(target: RedisTarget, options: RedisOptions, cluster: { enableOfflineQueue?: boolean } = {}) {
  if (target.kind === 'single') return new Redis(target.url, options);
  const auth = {
    ...(target.username ? { username: target.username } : {}),
    ...(target.password ? { password: target.password } : {}),
    ...(target.tls ? { tls: {} } : {}),
  };
  // Each master's connection keeps ioredis's own offline queue (it opens on the first command, which
  // must wait for it): failing fast is the cluster client's job (enableOfflineQueue below, commandTimeout).
  const { enableOfflineQueue: _perNode, ...nodeOptions } = options;
  return new Cluster(target.nodes, {
    redisOptions: { ...nodeOptions, ...auth },
    // Failover: a MOVED/ASK or CLUSTERDOWN answer is retried on the new master after a short wait.
    retryDelayOnFailover: 200,
    retryDelayOnClusterDown: 300,
    slotsRefreshTimeout: 2000,
    ...(options.maxRetriesPerRequest === null ? {} : { maxRedirections: 8 }),
    ...cluster,
  });
}

/**
 * For workers (BullMQ requires it for blocking commands) and the per-member send window: commands wait
 * out a reconnect instead of failing, since a worker has nothing better to do while Redis is away.
 */
export function createRedis(target: RedisTarget | string, { autoPipeline = false } = {}): RedisConnection {
  return connect(asTarget(target), {
    maxRetriesPerRequest: null,
    lazyConnect: false,
    // Commands issued in one tick go out in one write (for the send windows, not BullMQ's connections).
    ...(autoPipeline ? { enableAutoPipelining: true } : {}),
  });
}

/**
 * For adding jobs (BullMQ's Queue, the producer side). The caller already holds the durable record (an
 * inbox or outbox row) and the reconciler queues it later, so failing fast beats waiting: no offline
 * queue (a command while disconnected fails at once), no retry after a reconnect, and a command Redis
 * does not answer (a hung or partitioned server) fails after `commandTimeoutMs`. Nothing piles up in
 * memory while Redis is down.
 */
export function createProducerRedis(
  target: RedisTarget | string,
  { commandTimeoutMs }: { commandTimeoutMs: number },
): RedisConnection {
  return connect(
    asTarget(target),
    {
      maxRetriesPerRequest: 0,
      enableOfflineQueue: false,
      commandTimeout: commandTimeoutMs,
      connectTimeout: Math.max(commandTimeoutMs, 1000),
    },
    { enableOfflineQueue: false },
  );
}

/** For health checks: fails fast while Redis is down instead of queueing the command. */
export function createProbeRedis(target: RedisTarget | string): RedisConnection {
  return connect(
    asTarget(target),
    { maxRetriesPerRequest: 0, enableOfflineQueue: false, connectTimeout: 1000, commandTimeout: 1500 },
    { enableOfflineQueue: false },
  );
}

const asTarget = (t: RedisTarget | string): RedisTarget => (typeof t === 'string' ? { kind: 'single', url: t } : t);

/** Resolves once the connection is ready (start-up waits for Redis rather than starting half-connected). */
export async function whenReady(redis: RedisConnection): Promise<void> {
  if (redis.status !== 'ready') await new Promise<void>((resolve) => redis.once('ready', () => resolve()));
  // A cluster opens its masters' connections lazily: open them now, or the first command for each
  // master (a callback's job) would meet a connection still opening and a fail-fast client refuses it.
  if (isCluster(redis))
    await Promise.all(
      redis.nodes('master').map((n) => (n.status === 'wait' ? n.connect().catch(() => undefined) : undefined)),
    );
}

/** In cluster mode, keys that one script or transaction touches together must share a hash tag. */
export const isCluster = (redis: RedisConnection): redis is Cluster => redis instanceof Cluster;

/** Another connection like this one (BullMQ's workers each hold a blocking one). */
export const duplicate = (redis: RedisConnection): RedisConnection =>
  isCluster(redis) ? redis.duplicate() : redis.duplicate();
