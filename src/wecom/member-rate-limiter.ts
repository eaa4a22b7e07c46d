import { createHash } from 'node:crypto';
import { Cluster, type Redis } from 'ioredis';
import { groupCommit } from '../group-commit.js';

/** WeCom drops (silently) messages past 30 a minute or 1,000 an hour to one member; we stay under both. */
export interface MemberRateLimits {
  perMinute: number;
  perHour: number;
}

export const DEFAULT_MEMBER_LIMITS: MemberRateLimits = { perMinute: 30, perHour: 1000 };

const HOUR_MS = 3_600_000;

// A sliding-window log per member in Redis, so every process shares one count; several members at once,
// KEYS in pairs (window, mark) and ARGV[4 + m] the m-th member's slot id. A member's mark says its window
// is known to be whole: with ARGV[4] = 1 and no mark, the window was lost (Redis wiped or restarted) and
// the member's answer is -1 so the caller rebuilds it first. Otherwise 0 when a slot was taken, or the
// milliseconds to wait.
const ACQUIRE = `
local now, perMin, perHour, whole = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3]), ARGV[4] == '1'
local function take(key, mark, id)
  if whole and redis.call('EXISTS', mark) == 0 then return -1 end
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
  if whole then redis.call('PEXPIRE', mark, 3600000) end
  return 0
end
local waits = {}
for m = 1, #KEYS / 2 do waits[m] = take(KEYS[2 * m - 1], KEYS[2 * m], ARGV[4 + m]) end
return waits
`;

// Puts the sends of the last hour back, once: a second process rebuilding the same window adds nothing.
// Several members at once, KEYS in pairs (window, mark); ARGV per member: its count n, then n pairs of
// (time, slot id).
const REBUILD = `
local a = 1
for m = 1, #KEYS / 2 do
  local n = tonumber(ARGV[a])
  if redis.call('SET', KEYS[2 * m], '1', 'NX', 'PX', 3600000) then
    for i = a + 1, a + 2 * n, 2 do redis.call('ZADD', KEYS[2 * m - 1], ARGV[i], ARGV[i + 1]) end
    if n > 0 then redis.call('PEXPIRE', KEYS[2 * m - 1], 3600000) end
  end
  a = a + 1 + 2 * n
end
return 1
`;

const SHA = new Map<string, string>();

export interface MemberRateLimiterOptions {
  redis: Redis | Cluster;
  prefix: string;
  limits?: MemberRateLimits;
  /**
   * When messages to `member` were accepted since `since` (epoch ms), from the durable record (outbox),
   * with those other processes claimed and may have in flight. With it, a window Redis lost is rebuilt
   * before the next send; without it, a lost window starts empty.
   */
  history?(member: string, since: Date): Promise<number[]>;
  now?: () => number;
}

export class MemberRateLimiter {
  private seq = 0;
  /**
   * Slots this process took whose sends are not in the durable record yet (WeCom may have taken them
   * while the outbox row is still unmarked), by member: a window rebuilt after a Redis wipe counts them
   * too, or it would let as many more through as were in flight and WeCom would drop them. Other
   * processes' are their claims in the outbox; this process's own claims are left out of `history` and
   * counted here instead, as only those granted a slot are in flight.
   */
  private readonly unsettled = new Map<string, number[]>();
  private readonly limits: MemberRateLimits;
  private readonly now: () => number;
  constructor(private readonly opts: MemberRateLimiterOptions) {
    this.limits = opts.limits ?? DEFAULT_MEMBER_LIMITS;
    this.now = opts.now ?? Date.now;
  }

  /** Takes a slot for a message to `member`: 0 if granted, else how long to wait (ms). */
  async acquire(member: string): Promise<number> {
    let wait = await this.tryAcquire(member);
    if (wait === -1) {
      await this.rebuild(member);
      wait = await this.tryAcquire(member);
    }
    if (wait === 0 && this.opts.history) this.hold(member);
    return wait;
  }

  /**
   * A send to `member` is in the durable record now (or was never made): its slot no longer needs
   * holding here. Settling the oldest held slot, whichever send it was, keeps the later times, which
   * leave a rebuilt window later: never fewer slots counted than are taken.
   */
  settle(member: string): void {
    const held = this.unsettled.get(member);
    held?.shift();
    if (held && !held.length) this.unsettled.delete(member);
  }

  private hold(member: string): void {
    const now = this.now();
    const held = this.unsettled.get(member) ?? [];
    // A send never settled (its mark failed) is held an hour at most, as long as its slot counts.
    while (held.length && held[0]! <= now - HOUR_MS) held.shift();
    held.push(now);
    this.unsettled.set(member, held);
  }

  /** The window and its mark, which one script reads together: the member is their hash tag (Redis Cluster). */
  private keys(member: string): [string, string] {
    return [`${this.opts.prefix}:ratelimit:{${member}}`, `${this.opts.prefix}:ratelimit-whole:{${member}}`];
  }

  /**
   * Slots asked for in the same tick go to Redis as one script call (one per member on a Redis Cluster,
   * where each member's keys have a slot of their own), taken in the order asked.
   */
  private readonly tryAcquire = groupCommit(
    async (members: string[]): Promise<number[]> => {
      const now = this.now();
      const ask = (some: string[]) => {
        const ids = some.map(() => `${process.pid}-${now}-${this.seq++}`);
        const args = [now, this.limits.perMinute, this.limits.perHour, this.opts.history ? '1' : '0', ...ids];
        return this.script(
          ACQUIRE,
          some.flatMap((m) => this.keys(m)),
          args,
        ) as Promise<number[]>;
      };
      if (!(this.opts.redis instanceof Cluster)) return (await ask(members)).map(Number);
      return Promise.all(members.map(async (m) => Number((await ask([m]))[0])));
    },
    { maxInFlight: 4 },
  );

  /**
   * Windows lost together (every member's first send after a wipe, or of the hour) are rebuilt together:
   * their records read at once (`history` may batch them) and put back in one script call (one per
   * member on a Redis Cluster).
   */
  private readonly rebuild = groupCommit(
    async (members: string[]): Promise<null[]> => {
      const some = [...new Set(members)];
      const since = new Date(this.now() - HOUR_MS);
      // Taken before the record is read: a send settled in between is counted twice, never not at all.
      const held = some.map((m) => [...(this.unsettled.get(m) ?? [])]);
      const sends = await Promise.all(some.map(async (m, i) => [...(await this.opts.history!(m, since)), ...held[i]!]));
      const args = (i: number) => [sends[i]!.length, ...sends[i]!.flatMap((at, j) => [at, `sent-${at}-${j}`])];
      if (!(this.opts.redis instanceof Cluster))
        await this.script(
          REBUILD,
          some.flatMap((m) => this.keys(m)),
          some.flatMap((_, i) => args(i)),
        );
      else await Promise.all(some.map((m, i) => this.script(REBUILD, this.keys(m), args(i))));
      return members.map(() => null);
    },
    // At most 20 windows a call: a busy member's hour is up to 1,000 sends, each two script arguments.
    { maxInFlight: 2, maxItems: 20 },
  );

  /** Runs a script by its digest (Redis keeps it compiled), sending its text only when Redis has not got it. */
  private async script(lua: string, keys: string[], args: Array<string | number>): Promise<unknown> {
    const sha = SHA.get(lua) ?? SHA.set(lua, createHash('sha1').update(lua).digest('hex')).get(lua)!;
    try {
      return await this.opts.redis.evalsha(sha, keys.length, ...keys, ...args);
    } catch (err) {
      if (!String((err as Error).message).startsWith('NOSCRIPT')) throw err;
      return this.opts.redis.eval(lua, keys.length, ...keys, ...args);
    }
  }
}
