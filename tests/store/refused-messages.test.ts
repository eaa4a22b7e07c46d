import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RefusedMessages } from '../../src/domain/ports/failed-jobs.js';
import type { Db } from '../../src/store/db.js';
import { markFailed, markSent, recordOutbound, refusedMessages } from '../../src/store/outbox-store.js';
import { openTestDb, pgAvailable, type DbKind } from '../helpers/test-db.js';

const kinds: DbKind[] = ['pglite', ...((await pgAvailable()) ? (['pg'] as const) : [])];
const text = (n: number) => ({ kind: 'text' as const, touser: 'wangwei', content: `提醒 ${n}` });

/** The RefusedMessages port's contract over the outbox, on PGlite and on the real Postgres. */
describe.each(kinds)('refusedMessages on %s', (kind) => {
  let db: Db;
  let refused: RefusedMessages;
  beforeAll(async () => {
    db = await openTestDb(kind);
    refused = refusedMessages(db);
    await recordOutbound(
      db,
      [1, 2, 3, 4].map((n) => ({ jobId: `m-${n}`, data: text(n) })),
    );
    await markFailed(db, 'm-1', new Date('2026-11-30T01:00:00Z'), 'WeCom refused (81013): user not in range');
    await markFailed(db, 'm-2', new Date('2026-11-30T03:00:00Z'), 'WeCom refused (40003): invalid userid');
    await markFailed(db, 'm-3', new Date('2026-11-30T02:00:00Z'), 'WeCom refused (81013)');
    await markSent(db, 'm-3', new Date('2026-11-30T04:00:00Z')); // sent after all: not refused any more
  });
  afterAll(() => db.close());

  it('lists messages refused for good and not sent since, newest first, with their reason and data', async () => {
    const rows = await refused.list(10);
    expect(rows.map((r) => r.jobId)).toEqual(['m-2', 'm-1']);
    expect(rows[0]).toMatchObject({ data: text(2), failure: 'WeCom refused (40003): invalid userid' });
    expect(new Date(rows[0]!.failedAt).toISOString()).toBe('2026-11-30T03:00:00.000Z');
    expect((await refused.list(1)).map((r) => r.jobId)).toEqual(['m-2']);
  });

  it('finds one by job id, and none for a message that was sent or never refused', async () => {
    expect((await refused.list(1, 'm-1')).map((r) => r.jobId)).toEqual(['m-1']);
    expect(await refused.list(1, 'm-3')).toEqual([]);
    expect(await refused.list(1, 'm-4')).toEqual([]);
  });

  it('hands a cleared message back: it is no longer listed as refused', async () => {
    await refused.clear('m-1');
    expect((await refused.list(10)).map((r) => r.jobId)).toEqual(['m-2']);
  });
});
