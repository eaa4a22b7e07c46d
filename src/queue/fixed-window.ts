import type { RedisConnection } from './redis.js';

/** A count that lives for a window from its first hit, shared by every process through Redis. */
export interface WindowCount {
  count: number;
  /** Milliseconds until the window ends (0 when nothing is counted). */
  resetMs: number;
}

/** Counts per key in fixed windows: rate limits and sign-in lockouts. */
export interface FixedWindowCounter {
  /** Counts one more and returns the count in the current window (the window starts with the first hit). */
  hit(key: string, windowMs: number): Promise<WindowCount>;
  /** The count without adding to it. */
  peek(key: string): Promise<WindowCount>;
  clear(key: string): Promise<void>;
}

// INCR and PEXPIRE in one step, so a crash between them cannot leave a key that never expires.
const HIT = `local n = redis.call('INCR', KEYS[1])
if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return {n, redis.call('PTTL', KEYS[1])}`;

/**
 * Over `redis` under `prefix`. Give it a connection that fails fast (the producer connection): a caller
 * must decide what a Redis outage means for it rather than wait for Redis to come back.
 */
export function fixedWindowCounter(redis: RedisConnection, prefix: string): FixedWindowCounter {
  const full = (key: string) => `${prefix}:limit:${key}`;
  const window = ([count, ttl]: [number, number]): WindowCount => ({ count, resetMs: Math.max(0, ttl) });
  return {
    async hit(key, windowMs) {
      return window((await redis.eval(HIT, 1, full(key), windowMs)) as [number, number]);
    },
    async peek(key) {
      const [count, ttl] = await redis
        .multi()
        .get(full(key))
        .pttl(full(key))
        .exec()
        .then((r) => r ?? []);
      return window([Number(count?.[1] ?? 0), Number(ttl?.[1] ?? 0)]);
    },
    async clear(key) {
      await redis.del(full(key));
    },
  };
}
