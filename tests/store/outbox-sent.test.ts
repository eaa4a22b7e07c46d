import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/store/db.js';
import { markFailed, markSentMany, recordOutbound, sendsTo, sendsToMany } from '../../src/store/outbox-store.js';
import { openTestDb, pgAvailable, type DbKind } from '../helpers/test-db.js';

const kinds: DbKind[] = ['pglite', ...((await pgAvailable()) ? (['pg'] as const) : [])];
const text = (n: number) => ({ kind: 'text' as const, touser: 'wangwei', content: `提醒 ${n}` });

/** Sends marked and looked up several at a time (the worker's group commit), on PGlite and on the real Postgres. */
describe.each(kinds)('outbox sent marks on %s', (kind) => {
  let db: Db;
  beforeAll(async () => {
    db = await openTestDb(kind);
    await recordOutbound(
      db,
      [1, 2, 3, 4].map((n) => ({ jobId: `s-${n}`, data: text(n) })),
    );
  });
  afterAll(() => db.close());

  it('marks several sent at once, each with its member, clears a refusal, and leaves one sent before as it was', async () => {
    await markSentMany(db, [{ jobId: 's-1', to: 'wangwei' }], new Date('2026-11-30T01:00:00Z'));
    await markFailed(db, 's-2', new Date('2026-11-30T01:30:00Z'), 'WeCom refused (81013)');
    await markSentMany(
      db,
      [{ jobId: 's-1', to: 'wangwei' }, { jobId: 's-2', to: 'wangwei' }, { jobId: 's-3' }],
      new Date('2026-11-30T02:00:00Z'),
    );
    const sent = await db.query<{ job_id: string }>(
      'SELECT job_id FROM outbox WHERE sent_at IS NOT NULL ORDER BY job_id',
    );
    expect(sent.rows.map((r) => r.job_id)).toEqual(['s-1', 's-2', 's-3']);
    // s-1 keeps its first time; s-3 counts against no member's window (a card update)
    expect(await sendsTo(db, 'wangwei', new Date('2026-11-30T00:00:00Z'))).toEqual([
      Date.parse('2026-11-30T01:00:00Z'),
      Date.parse('2026-11-30T02:00:00Z'),
    ]);
    const { rows } = await db.query<{ failed_at: Date | null }>("SELECT failed_at FROM outbox WHERE job_id = 's-2'");
    expect(rows[0]!.failed_at).toBeNull();
  });

  it("says which messages it recorded, and reads several members' windows in one query", async () => {
    const recorded = await recordOutbound(db, [
      { jobId: 's-4', data: text(4) },
      { jobId: 's-5', data: { kind: 'text', touser: 'lina', content: '提醒 5' } },
    ]);
    expect([...recorded]).toEqual(['s-5']); // s-4 was recorded before: it may have been sent
    await markSentMany(db, [{ jobId: 's-5', to: 'lina' }], new Date('2026-11-30T03:00:00Z'));
    const windows = await sendsToMany(db, ['wangwei', 'lina', 'nobody'], new Date('2026-11-30T01:30:00Z'));
    expect(Object.fromEntries(windows)).toEqual({
      wangwei: [Date.parse('2026-11-30T02:00:00Z')],
      lina: [Date.parse('2026-11-30T03:00:00Z')],
      nobody: [],
    });
  });
});
