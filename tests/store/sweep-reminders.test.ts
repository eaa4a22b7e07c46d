import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/store/db.js';
import { sweepStore } from '../../src/store/sweep-store.js';
import { openTestDb } from '../helpers/test-db.js';

const at = new Date('2026-12-07T02:00:00Z');
const row = (key: string) => ({ key, item: key.slice(0, key.lastIndexOf(':')), cadre: 'u1', at });

/** The sweep's reminder keys: what insertReminders calls new is what was not stored before. */
describe('reminders a sweep stores', () => {
  let db: Db;
  beforeAll(async () => {
    db = await openTestDb();
  });
  afterAll(() => db.close());

  const insert = (keys: string[]) => db.transaction((tx) => sweepStore(tx).insertReminders(keys.map(row)));

  it('returns the keys it stored, not those stored before (a sweep again after a crash)', async () => {
    expect([...(await insert(['visit:H1:t:0', 'visit:H2:t:0']))].sort()).toEqual(['visit:H1:t:0', 'visit:H2:t:0']);
    expect([...(await insert(['visit:H1:t:0', 'visit:H1:t:1', 'visit:H3:t:0']))].sort()).toEqual([
      'visit:H1:t:1',
      'visit:H3:t:0',
    ]);
    expect(await insert(['visit:H2:t:0'])).toEqual(new Set());
    expect(await insert([])).toEqual(new Set());
    const stored = await db.query<{ key: string }>('SELECT key FROM reminders ORDER BY key');
    expect(stored.rows.map((r) => r.key)).toEqual(['visit:H1:t:0', 'visit:H1:t:1', 'visit:H2:t:0', 'visit:H3:t:0']);
  });
});
