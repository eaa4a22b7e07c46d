import type { Redis } from 'ioredis';

/** WeCom drops (silently) messages past 30 a minute or 1,000 an hour to one member; we stay under both. */
export interface MemberRateLimits {
  perMinute: number;
  perHour: number;
}

export const DEFAULT_MEMBER_LIMITS: MemberRateLimits = { perMinute: 30, perHour: 1000 };

// A sliding-window log per member in Redis, so every process shares one count.
// Returns 0 when a slot was taken, otherwise the milliseconds to wait.
const SCRIPT = `
local key, now, perMin, perHour, id = KEYS[1], tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3]), ARGV[4]
redis.call('ZREMRANGEBYSCORE', key, '-inf', now - 3600000)
local minute = redis.call('ZCOUNT', key, now - 60000, '+inf')
if minute >= perMin then
  local oldest = redis.call('ZRANGEBYSCORE', key, now - 60000, '+inf', 'WITHSCORES', 'LIMIT', minute - perMin, 1)
  return tonumber(oldest[2]) + 60000 - now + 1
end
local hour = redis.call('ZCARD', key)
if hour >= perHour then
  local oldest = redis.call('ZRANGE', key, hour - perHour, hour - perHour, 'WITHSCORES')
  return tonumber(oldest[2]) + 3600000 - now + 1
end
redis.call('ZADD', key, now, id)
redis.call('PEXPIRE', key, 3600000)
return 0
`;

export interface MemberRateLimiterOptions {
  redis: Redis;
  prefix: string;
  limits?: MemberRateLimits;
  now?: () => number;
}

export class MemberRateLimiter {
  private seq = 0;
  private readonly limits: MemberRateLimits;
  private readonly now: () => number;
  constructor(private readonly opts: MemberRateLimiterOptions) {
    this.limits = opts.limits ?? DEFAULT_MEMBER_LIMITS;
    this.now = opts.now ?? Date.now;
  }

  /** Takes a slot for a message to `member`: 0 if granted, else how long to wait (ms). */
  async acquire(member: string): Promise<number> {
    const id = `${process.pid}-${this.now()}-${this.seq++}`;
    const wait = await this.opts.redis.eval(
      SCRIPT,
      1,
      `${this.opts.prefix}:ratelimit:${member}`,
      this.now(),
      this.limits.perMinute,
      this.limits.perHour,
      id,
    );
    return Number(wait);
  }
}
