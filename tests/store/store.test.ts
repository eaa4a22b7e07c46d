import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { generateDemoCounty } from '../../src/demo/demo-county.js';
import { writeAudit } from '../../src/store/audit-store.js';
import { countHouseholds, existingIds, upsertHouseholds } from '../../src/store/county-store.js';
import type { Db } from '../../src/store/db.js';
import { insertInboxMany } from '../../src/store/inbox-store.js';
import { migrate } from '../../src/store/migrate.js';
import { seedDemo } from '../../src/store/seed-demo.js';
import { openTestDb, pgAvailable, resetDb, type DbKind } from '../helpers/test-db.js';

const kinds: DbKind[] = ['pglite', ...((await pgAvailable()) ? (['pg'] as const) : [])];

describe.each(kinds)('store on %s', (kind) => {
  let db: Db;
  beforeAll(async () => {
    db = await openTestDb(kind);
  });
  afterAll(() => db.close());
  beforeEach(() => resetDb(db));

  it('migrates once: a second run applies nothing', async () => {
    expect(await migrate(db)).toEqual([]);
    const { rows } = await db.query<{ name: string }>('SELECT name FROM schema_migrations ORDER BY name');
    expect(rows.map((r) => r.name)).toContain('001_init.sql');
  });

  it('runs concurrent migrations safely', async () => {
    const results = await Promise.all([migrate(db), migrate(db)]);
    expect(results.flat()).toEqual([]);
  });

  it('stores a group of inbox items in one statement: new ones get ids, repeats (stored or in the group) get null', async () => {
    const [old] = await insertInboxMany(db, [{ source: 'wecom', sourceMsgId: 'm0', payload: { n: 0 } }]);
    const ids = await insertInboxMany(db, [
      { source: 'wecom', sourceMsgId: 'm1', payload: { n: 1 } },
      { source: 'wecom', sourceMsgId: 'm0', payload: { n: 'again' } },
      { source: 'kf', sourceMsgId: 'm1', payload: { n: 2 } },
      { source: 'wecom', sourceMsgId: 'm1', payload: { n: 'twice in the group' } },
    ]);
    expect(old).toBeTypeOf('number');
    expect(ids.map((id) => id === null)).toEqual([false, true, false, true]);
    const { rows } = await db.query<{ id: number; source: string; payload: unknown }>(
      'SELECT id, source, payload FROM inbox ORDER BY id',
    );
    expect(rows).toEqual([
      { id: old, source: 'wecom', payload: { n: 0 } },
      { id: ids[0], source: 'wecom', payload: { n: 1 } },
      { id: ids[2], source: 'kf', payload: { n: 2 } },
    ]);
  });

  it('seeds the demo county, and seeding again changes nothing', async () => {
    const first = await seedDemo(db, { households: 300, seed: 7 });
    expect(await countHouseholds(db)).toBe(300);
    await seedDemo(db, { households: 300, seed: 7 });
    const { rows } = await db.query<{ h: number; m: number; l: number }>(
      `SELECT (SELECT count(*)::int FROM households) h, (SELECT count(*)::int FROM members) m, (SELECT count(*)::int FROM links) l`,
    );
    expect(rows[0]).toEqual({ h: 300, m: first.members, l: first.links });
  });

  it('keeps every monitored and lifted household linked to a pair-helper', async () => {
    await seedDemo(db, { households: 500, seed: 3 });
    const { rows } = await db.query<{ n: number }>(
      `SELECT count(*)::int n FROM households h WHERE status <> 'ordinary'
       AND NOT EXISTS (SELECT 1 FROM links l WHERE l.kind = 'household' AND l.target_id = h.id)`,
    );
    expect(rows[0]!.n).toBe(0);
  });

  it('upserts households by id instead of duplicating them', async () => {
    const c = generateDemoCounty({ households: 20, seed: 1 });
    await seedDemo(db, { households: 20, seed: 1 });
    const changed = c.households.map((h) => ({ ...h, headName: `${h.headName}改` }));
    await upsertHouseholds(db, changed);
    const { rows } = await db.query<{ head_name: string }>('SELECT head_name FROM households WHERE id = $1', [
      c.households[0]!.id,
    ]);
    expect(rows[0]!.head_name).toBe(`${c.households[0]!.headName}改`);
    expect(await countHouseholds(db)).toBe(20);
  });

  it('rolls a failed transaction back completely', async () => {
    await seedDemo(db, { households: 10, seed: 1 });
    await expect(
      db.transaction(async (tx) => {
        await writeAudit(tx, { actor: 'test', action: 'x', entity: 'e', entityId: '1' });
        await tx.query(
          `INSERT INTO households (id, village_id, head_name, status) VALUES ('X1', 'no-such-village', '某', 'ordinary')`,
        );
      }),
    ).rejects.toThrow();
    const { rows } = await db.query<{ n: number }>(`SELECT count(*)::int n FROM audit_log WHERE actor = 'test'`);
    expect(rows[0]!.n).toBe(0);
  });

  it('enforces the inbox idempotency key and keeps 64-bit message ids as text', async () => {
    const insert = (id: string) =>
      db.query(
        `INSERT INTO inbox (source, source_msg_id, payload) VALUES ('wecom', $1, '{}') ON CONFLICT DO NOTHING RETURNING id`,
        [id],
      );
    expect((await insert('4561255354251345929')).rows).toHaveLength(1);
    expect((await insert('4561255354251345929')).rows).toHaveLength(0);
    const { rows } = await db.query<{ source_msg_id: string }>('SELECT source_msg_id FROM inbox');
    expect(rows[0]!.source_msg_id).toBe('4561255354251345929');
  });

  it('refuses a monitoring kind on a household that is not monitored', async () => {
    await seedDemo(db, { households: 5, seed: 1 });
    await expect(
      db.query(`UPDATE households SET status = 'ordinary', monitoring_kind = 'edge' WHERE id = 'H0000001'`),
    ).rejects.toThrow();
  });

  it('answers existingIds for the ids asked about only', async () => {
    await seedDemo(db, { households: 5, seed: 1 });
    expect(await existingIds(db, 'households', ['H0000001', 'H9999999'])).toEqual(new Set(['H0000001']));
    expect(await existingIds(db, 'cadres', ['county-office'])).toEqual(new Set(['county-office']));
  });
});
