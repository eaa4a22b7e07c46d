import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/store/db.js';
import {
  claimFor,
  claimUnsent,
  markFailed,
  markSentMany,
  recordOutbound,
  sendsTo,
  unsentOutbound,
} from '../../src/store/outbox-store.js';
import { MemberRateLimiter } from '../../src/wecom/member-rate-limiter.js';
import { openTestDb, pgAvailable, type DbKind } from '../helpers/test-db.js';
import { dropPrefix, REDIS_URL, testPrefix } from '../helpers/test-redis.js';

const kinds: DbKind[] = ['pglite', ...((await pgAvailable()) ? (['pg'] as const) : [])];
const text = (touser: string, n: number) => ({ kind: 'text' as const, touser, content: `答复 ${n}` });

/**
 * Two worker processes share the outbox and the send windows. Process A's sends are in flight (slots
 * granted, WeCom not answered, so no marks) when Redis is wiped; process B, which holds none of A's
 * slots in memory, rebuilds the window. It must count A's sends from their claims in the outbox, or it
 * lets a whole window more through and WeCom drops the excess without a word.
 */
/** The limiter grants `member` exactly `n` more sends now, then holds the next for most of the minute. */
async function expectGrants(limiter: MemberRateLimiter, member: string, n: number): Promise<void> {
  for (let i = 0; i < n; i++) expect(await limiter.acquire(member)).toBe(0);
  expect(await limiter.acquire(member)).toBeGreaterThan(50_000);
}

describe.each(kinds)('a send window rebuilt by another process while sends are in flight, on %s', (kind) => {
  const redis = new Redis(REDIS_URL);
  const prefix = testPrefix();
  let db: Db;
  beforeAll(async () => {
    db = await openTestDb(kind);
  });
  afterAll(async () => {
    await dropPrefix(prefix);
    redis.disconnect();
    await db.close();
  });
  /** Process `name`'s limiter: 3 a minute, rebuilt from the shared outbox, its held slots its own. */
  const worker = (name: string) =>
    new MemberRateLimiter({
      redis,
      prefix,
      limits: { perMinute: 3, perHour: 100 },
      history: (member, since) => sendsTo(db, member, since, name),
    });

  it('counts the sends another process claimed (a batch recorded to send, a job checked) but has not marked', async () => {
    const a = worker('a');
    // A batch recorded and claimed to be sent at once (sendNow), and a job's row claimed by its sent-before check.
    await recordOutbound(
      db,
      [1, 2].map((n) => ({ jobId: `wc-a-${n}`, data: text('cadre-w', n) })),
      { claimBy: 'a' },
    );
    const queued = { jobId: 'wc-a-3', data: text('cadre-w', 3) };
    await recordOutbound(db, [queued]);
    expect(await claimUnsent(db, [queued], 'a')).toEqual(new Set());
    // A's own claims are not counted twice when its first send rebuilds the window (none lost yet).
    for (let i = 0; i < 3; i++) expect(await a.acquire('cadre-w')).toBe(0);
    await dropPrefix(prefix); // wiped mid-send
    const b = worker('b');
    expect(await b.acquire('cadre-w')).toBeGreaterThan(50_000);
    expect(await b.acquire('cadre-w2')).toBe(0); // another member is not held back
  });

  it('counts a card drawn when sent once it is claimed for its holder, before it is sent', async () => {
    const card = { jobId: 'wc-d-1', data: { kind: 'task_card' as const, taskId: 7 } };
    await recordOutbound(db, [card]);
    expect(await claimUnsent(db, [card], 'a')).toEqual(new Set()); // its data names no member yet
    await claimFor(db, [{ jobId: card.jobId, to: 'cadre-t' }], 'a'); // drawn for cadre-t, then sent
    expect(await worker('a').acquire('cadre-t')).toBe(0);
    await dropPrefix(prefix); // wiped mid-send
    await expectGrants(worker('b'), 'cadre-t', 2);
  });

  it('counts a claimed send once after its mark, and not at all once refused for good', async () => {
    const row = { jobId: 'wc-b-1', data: text('cadre-v', 1) };
    const refused = { jobId: 'wc-b-2', data: text('cadre-v', 2) };
    await recordOutbound(db, [row, refused], { claimBy: 'a' });
    await markSentMany(db, [{ jobId: row.jobId, to: 'cadre-v' }], new Date());
    await markFailed(db, refused.jobId, new Date(), 'WeCom refused (81013)');
    expect(await claimUnsent(db, [row], 'a')).toEqual(new Set([row.jobId])); // sent before: left as it was
    await dropPrefix(prefix);
    // One in the record: two more fit in the minute, not one.
    await expectGrants(worker('b'), 'cadre-v', 2);
  });

  it('leaves a claimed row to its sender for a while, then to the reconciler (its process died)', async () => {
    const row = { jobId: 'wc-c-1', data: text('cadre-u', 1) };
    await recordOutbound(db, [row], { claimBy: 'a' });
    const ids = async (before: Date) => (await unsentOutbound(db, before)).map((r) => r.jobId);
    expect(await ids(new Date(Date.now() - 60_000))).not.toContain(row.jobId);
    expect(await ids(new Date(Date.now() + 60_000))).toContain(row.jobId);
  });
});
