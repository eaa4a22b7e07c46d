import { Redis } from 'ioredis';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { MemberRateLimiter } from '../../src/wecom/member-rate-limiter.js';
import { dropPrefix, REDIS_URL, testPrefix } from '../helpers/test-redis.js';

/**
 * The window rebuilt after a Redis wipe reads the durable record (the outbox's sent marks), which lags
 * the sends: marks are written after WeCom answers, several sends to one query. Sends granted before
 * the wipe whose marks are not written yet must still count, or WeCom drops the sends they let through.
 */
describe('a send window rebuilt while sends are in flight', () => {
  const redis = new Redis(REDIS_URL);
  const prefixes: string[] = [];
  afterAll(async () => {
    await Promise.all(prefixes.map((p) => dropPrefix(p)));
    redis.disconnect();
  });
  /** A limiter of 3 a minute whose durable record holds `marked` (epoch ms). */
  const limiter = (marked: number[]) => {
    const prefix = testPrefix();
    prefixes.push(prefix);
    let clock = 1_800_000_000_000;
    const now = () => clock;
    const lim = new MemberRateLimiter({
      redis,
      prefix,
      limits: { perMinute: 3, perHour: 100 },
      history: async () => marked,
      now,
    });
    return { lim, prefix, tick: (ms: number) => (clock += ms), now };
  };

  it('counts the slots taken but not marked yet', async () => {
    const { lim, prefix } = limiter([]);
    for (let i = 0; i < 3; i++) expect(await lim.acquire('cadre-a')).toBe(0);
    await dropPrefix(prefix); // wiped while the three sends' marks are not written
    expect(await lim.acquire('cadre-a')).toBeGreaterThan(50_000);
    expect(await lim.acquire('cadre-b')).toBe(0); // another member is not held back
  });

  it('does not count a settled send twice once its mark is in the record', async () => {
    const marked: number[] = [];
    const { lim, prefix, now } = limiter(marked);
    expect(await lim.acquire('cadre-c')).toBe(0);
    marked.push(now());
    lim.settle('cadre-c');
    await dropPrefix(prefix);
    // One in the record, none held: two more fit in the minute, not one.
    expect(await lim.acquire('cadre-c')).toBe(0);
    expect(await lim.acquire('cadre-c')).toBe(0);
    expect(await lim.acquire('cadre-c')).toBeGreaterThan(50_000);
  });

  it('lets a held slot go with the window, an hour on', async () => {
    const { lim, prefix, tick } = limiter([]);
    for (let i = 0; i < 3; i++) expect(await lim.acquire('cadre-d')).toBe(0);
    tick(3_600_001);
    await dropPrefix(prefix);
    expect(await lim.acquire('cadre-d')).toBe(0);
  });
});

describe('slots asked for together', () => {
  it('go to Redis as one script call, taken in the order asked', async () => {
    const redis = new Redis(REDIS_URL);
    const prefix = testPrefix();
    const lim = new MemberRateLimiter({ redis, prefix, limits: { perMinute: 1, perHour: 100 } });
    const calls = vi.spyOn(redis, 'evalsha');
    const waits = await Promise.all(['cadre-e', 'cadre-f', 'cadre-e', 'cadre-g'].map((m) => lim.acquire(m)));
    expect(waits[0]).toBe(0);
    expect(waits[1]).toBe(0);
    expect(waits[2]).toBeGreaterThan(50_000); // the second ask for cadre-e, after the first took its one slot
    expect(waits[3]).toBe(0);
    expect(calls).toHaveBeenCalledTimes(1);
    await dropPrefix(prefix);
    redis.disconnect();
  });
});

describe('windows lost together', () => {
  it('are rebuilt in one script call, each from its own record', async () => {
    const redis = new Redis(REDIS_URL);
    const prefix = testPrefix();
    const now = 1_800_000_000_000;
    // cadre-h had its minute's two sends; cadre-i one; cadre-j none.
    const record: Record<string, number[]> = { 'cadre-h': [now - 20_000, now - 10_000], 'cadre-i': [now - 5_000] };
    const lim = new MemberRateLimiter({
      redis,
      prefix,
      limits: { perMinute: 2, perHour: 100 },
      history: async (member) => record[member] ?? [],
      now: () => now,
    });
    const calls = vi.spyOn(redis, 'evalsha');
    const waits = await Promise.all(['cadre-h', 'cadre-i', 'cadre-j'].map((m) => lim.acquire(m)));
    expect(waits[0]).toBeGreaterThan(30_000); // full from its record: waits for its oldest to leave the minute
    expect(waits.slice(1)).toEqual([0, 0]);
    expect(await lim.acquire('cadre-i')).toBeGreaterThan(50_000); // its record's one and the slot just taken
    // One ask (all lost), one rebuild for the three, one ask again; then cadre-i's last ask.
    expect(calls).toHaveBeenCalledTimes(4);
    await dropPrefix(prefix);
    redis.disconnect();
  });
});
