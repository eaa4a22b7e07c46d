import { queueNamesOf } from './jobs.js';
import { queuePrefix } from './queues.js';
import { isCluster, type RedisConnection } from './redis.js';

// A write and a read of two keys of the queue, in one script: it fails as an enqueue would when the
// queue's master is down or read-only, Redis is out of memory, or (a cluster) the keys span slots.
const WRITE = `redis.call('SET', KEYS[1], ARGV[1], 'PX', 60000)
redis.call('EXISTS', KEYS[2])
return 1`;

/** A queue Redis will not let us write: the start refuses, /readyz reports it. */
export class QueueNotWritableError extends Error {
  override name = 'QueueNotWritableError';
}

/**
 * Checks that every queue can be written, as adding a job writes it, on `redis` (a fail-fast connection).
 * Stored-but-not-queued must never be silent: a callback answered 200 whose job cannot be added.
 */
export async function checkQueuesWritable(redis: RedisConnection, prefix: string, shards = 1): Promise<void> {
  const cluster = isCluster(redis);
  for (const name of queueNamesOf(shards)) {
    const base = `${queuePrefix(prefix, name, cluster)}:${name}`;
    try {
      await redis.eval(WRITE, 2, `${base}:readyz`, `${base}:meta`, String(Date.now()));
    } catch (err) {
      throw new QueueNotWritableError(
        `队列 ${name} 无法写入 / queue ${name} cannot be written: ${(err as Error).message}`,
      );
    }
  }
}
