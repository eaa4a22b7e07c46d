import { randomBytes } from 'node:crypto';
import { copyFile, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { archiveOldMonths } from '../../src/domain/use-cases/archive-old-months.js';
import { ensurePartitions } from '../../src/domain/use-cases/ensure-partitions.js';
import { writeJsonLinesGz } from '../../src/files/jsonl-archive.js';
import { writeAudit } from '../../src/store/audit-store.js';
import type { Db } from '../../src/store/db.js';
import { insertInboxMany } from '../../src/store/inbox-store.js';
import { migrate } from '../../src/store/migrate.js';
import { recordOutbound } from '../../src/store/outbox-store.js';
import { partitionStore } from '../../src/store/partition-store.js';
import { openPgDb } from '../../src/store/pg-db.js';
import { openTestDb, PG_URL, pgAvailable, resetDb, type DbKind } from '../helpers/test-db.js';

const kinds: DbKind[] = ['pglite', ...((await pgAvailable()) ? (['pg'] as const) : [])];
const MIGRATIONS = new URL('../../src/store/migrations/', import.meta.url).pathname;

const where = async (db: Db, table: string, filter: string) =>
  (await db.query<{ part: string }>(`SELECT tableoid::regclass::text AS part FROM ${table} WHERE ${filter}`)).rows.map(
    (r) => r.part.replace(/^.*\./, ''),
  );

// One PGlite for the file: the migration test below empties it before migrating it again.
let lite: Db | undefined;
const openDb = async (kind: DbKind) => {
  if (kind !== 'pglite') return openTestDb(kind);
  lite ??= await openTestDb('pglite');
  return lite;
};
afterAll(() => lite?.close());

describe.each(kinds)('monthly partitions on %s', (kind) => {
  let db: Db;
  beforeAll(async () => {
    db = await openDb(kind);
  }, 120_000);
  afterAll(() => (kind === 'pglite' ? undefined : db.close()));
  beforeEach(() => resetDb(db));

  it('still refuses a repeated inbox key or outbox job id, in one batch, later, or in another month', async () => {
    const item = { source: 'wecom', sourceMsgId: 'm-1', payload: { text: '房子漏雨' } };
    const [first, again] = await insertInboxMany(db, [item, item]);
    expect(first).toEqual(expect.any(Number));
    expect(again).toBeNull();
    expect(await insertInboxMany(db, [item])).toEqual([null]);
    // The same key stored with a time in another month: a unique index on the partitions would not see it.
    const other = await db.query(
      `INSERT INTO inbox (source, source_msg_id, payload, received_at) VALUES ('wecom', 'm-1', '{}', now() - interval '40 days')
       ON CONFLICT DO NOTHING RETURNING id`,
    );
    expect(other.rows).toEqual([]);
    expect((await db.query('SELECT 1 FROM inbox')).rows).toHaveLength(1);

    await recordOutbound(db, [{ jobId: 'digest-1', data: { kind: 'text', touser: 'u1', content: '您好' } }]);
    await recordOutbound(db, [{ jobId: 'digest-1', data: { kind: 'text', touser: 'u1', content: '第二次' } }]);
    await db.query(
      `INSERT INTO outbox (job_id, data, created_at) VALUES ('digest-1', '{}', now() + interval '35 days') ON CONFLICT DO NOTHING`,
    );
    const out = await db.query<{ content: string }>(`SELECT data->>'content' AS content FROM outbox`);
    expect(out.rows).toEqual([{ content: '您好' }]);
  });

  it('has the coming months ready, so rows either side of a month boundary land in their months', async () => {
    const at = new Date('2031-01-31T23:59:00Z');
    expect((await ensurePartitions({ partitions: partitionStore(db) }, at)).created).toBe(12); // 4 months × 3 tables
    expect((await ensurePartitions({ partitions: partitionStore(db) }, at)).created).toBe(0);
    for (const t of ['2031-01-31T23:59:59.999Z', '2031-02-01T00:00:00Z'])
      await writeAudit(db, { actor: 'test', action: 'note', entity: 'case', entityId: t, at: new Date(t) });
    await db.query(
      `INSERT INTO inbox (source, source_msg_id, payload, received_at) VALUES ('kf', 'a', '{}', '2031-01-31T23:59:59Z'), ('kf', 'b', '{}', '2031-02-01T00:00:01Z')`,
    );
    expect(await where(db, 'audit_log', `actor = 'test' ORDER BY at`)).toEqual([
      'audit_log_2031_01',
      'audit_log_2031_02',
    ]);
    expect(await where(db, 'inbox', `source = 'kf' ORDER BY received_at`)).toEqual(['inbox_2031_01', 'inbox_2031_02']);
  });

  it('keeps a row from outside the made months in the default partition, and moves it when its month is made', async () => {
    await writeAudit(db, {
      actor: 'late',
      action: 'note',
      entity: 'case',
      entityId: '1',
      at: new Date('2040-06-15T00:00:00Z'),
    });
    expect(await where(db, 'audit_log', `actor = 'late'`)).toEqual(['audit_log_default']);
    await ensurePartitions({ partitions: partitionStore(db) }, new Date('2040-06-01T00:00:00Z'));
    expect(await where(db, 'audit_log', `actor = 'late'`)).toEqual(['audit_log_2040_06']);
  });

  it('archives months past the kept ones to gzip JSON Lines and drops them (with --apply only), audited', async () => {
    const store = partitionStore(db);
    await ensurePartitions({ partitions: store }, new Date('2020-03-10T00:00:00Z'));
    await db.query(
      `INSERT INTO inbox (source, source_msg_id, payload, received_at)
       SELECT 'dept:民政局', 'old-' || g, jsonb_build_object('n', g), '2020-03-10T00:00:00Z' FROM generate_series(1, 12) g`,
    );
    await writeAudit(db, {
      actor: 'old',
      action: 'note',
      entity: 'case',
      entityId: '7',
      at: new Date('2020-04-02T00:00:00Z'),
    });
    const dir = await mkdtemp(join(tmpdir(), 'sw-archive-'));
    try {
      const deps = {
        partitions: store,
        archive: (name: string, pages: AsyncIterable<object[]>) => writeJsonLinesGz(dir, name, pages),
      };
      const input = { at: new Date('2026-12-01T00:00:00Z'), keepMonths: 24, actor: 'cli' };
      const plan = await archiveOldMonths(deps, { ...input, apply: false });
      const old = plan.filter((p) => p.rows > 0).map((p) => [p.name, p.rows]);
      expect(old).toEqual([
        ['inbox_2020_03', 12],
        ['audit_log_2020_04', 1],
      ]);
      expect(await readdir(dir)).toEqual([]);
      expect((await db.query(`SELECT 1 FROM inbox`)).rows).toHaveLength(12); // a dry run changes nothing

      const done = await archiveOldMonths(deps, { ...input, apply: true });
      expect(done.map((d) => d.name)).toEqual(plan.map((p) => p.name));
      const lines = gunzipSync(await readFile(join(dir, 'inbox_2020_03.jsonl.gz')))
        .toString('utf8')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l));
      expect(lines).toHaveLength(12);
      expect(lines[0]).toMatchObject({ source: 'dept:民政局', source_msg_id: 'old-1', payload: { n: 1 } });
      expect((await db.query(`SELECT 1 FROM inbox`)).rows).toHaveLength(0);
      expect((await db.query(`SELECT to_regclass('inbox_2020_03') AS t`)).rows).toEqual([{ t: null }]);
      const audit = await db.query<{ entity_id: string; note: string }>(
        `SELECT entity_id, note FROM audit_log WHERE action = 'archive_partition' AND entity_id = 'inbox_2020_03'`,
      );
      expect(audit.rows[0]!.note).toContain('12 行已归档');
      expect(await archiveOldMonths(deps, { ...input, apply: false })).toEqual([]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe.each(kinds)('migrating existing data into partitions on %s', (kind) => {
  let db: Db;
  let drop = async () => {};
  beforeAll(async () => {
    if (kind === 'pglite') {
      // As empty as a new database: what the migrations made goes with the schema.
      db = await openDb(kind);
      await db.query('DROP SCHEMA public CASCADE');
      await db.query('CREATE SCHEMA public');
    } else {
      const schema = `t_${randomBytes(6).toString('hex')}`;
      db = await openPgDb({ connectionString: PG_URL, schema, max: 2 });
      drop = async () => void (await db.query(`DROP SCHEMA ${schema} CASCADE`));
    }
  }, 120_000);
  afterAll(async () => {
    await drop();
    if (kind !== 'pglite') await db.close();
  });

  it('keeps every inbox, audit and outbox row, their ids and their keys', async () => {
    const before = await mkdtemp(join(tmpdir(), 'sw-migrations-'));
    try {
      for (const f of (await readdir(MIGRATIONS)).filter((f) => f < '021'))
        await copyFile(MIGRATIONS + f, join(before, f));
      await migrate(db, `${before}/`);
    } finally {
      await rm(before, { recursive: true, force: true });
    }
    await db.query(
      `INSERT INTO inbox (source, source_msg_id, payload, received_at) VALUES ('wecom', 'x1', '{"text":"一"}', '2026-05-03T00:00:00Z'), ('wecom', 'x2', '{}', now())`,
    );
    await db.query(
      `INSERT INTO audit_log (at, actor, action, entity, entity_id) VALUES ('2026-07-01T00:00:00Z', 'a', 'b', 'case', '1')`,
    );
    await db.query(`INSERT INTO outbox (job_id, data, created_at) VALUES ('j1', '{}', '2026-06-30T23:00:00Z')`);
    expect(await migrate(db)).toContain('021_partitions.sql');

    expect(await where(db, 'inbox', `source_msg_id = 'x1'`)).toEqual(['inbox_2026_05']);
    expect(await where(db, 'audit_log', `actor = 'a'`)).toEqual(['audit_log_2026_07']);
    expect(await where(db, 'outbox', `job_id = 'j1'`)).toEqual(['outbox_2026_06']);
    expect(await insertInboxMany(db, [{ source: 'wecom', sourceMsgId: 'x1', payload: {} }])).toEqual([null]);
    const [fresh] = await insertInboxMany(db, [{ source: 'wecom', sourceMsgId: 'x3', payload: {} }]);
    expect(fresh).toBeGreaterThan(2); // the id sequence carried on (the refused repeat used up one, as ON CONFLICT does)
  });
});
