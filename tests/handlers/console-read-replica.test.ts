import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/store/db.js';
import { migrate } from '../../src/store/migrate.js';
import { openPgDb } from '../../src/store/pg-db.js';
import { createTestDatabase, PG_URL, pgAvailable } from '../helpers/test-db.js';
import { startTestService } from '../helpers/test-service.js';

const ADMIN_TOKEN = 'console-replica-admin-token-0001';
const NUMBER = 'SW2026990001';

/** The same places in both databases; a household and a case that tell which one a page was read from. */
async function fill(db: Db, head: string, withCase: boolean): Promise<void> {
  await db.query(`INSERT INTO townships (id, name) VALUES ('T1', '青山镇')`);
  await db.query(`INSERT INTO villages (id, township_id, name) VALUES ('T1V01', 'T1', '石门村')`);
  await db.query(`INSERT INTO households (id, village_id, head_name, status) VALUES ('H1', 'T1V01', $1, 'lifted')`, [
    head,
  ]);
  if (withCase)
    await db.query(
      `INSERT INTO cases (number, household_id, village_id, state, risk_types) VALUES ($1, 'H1', 'T1V01', 'assigned', '{dropout}')`,
      [NUMBER],
    );
}

const pg = await pgAvailable();

/**
 * DATABASE_READ_URL: the console's lists and reports come from the replica (here a second database,
 * reached as a role that may only SELECT), while writes and the case page after an action use the primary.
 */
describe.skipIf(!pg)('console reads on a read replica', () => {
  const role = `sw_reader_${randomBytes(3).toString('hex')}`;
  let primary: Awaited<ReturnType<typeof createTestDatabase>>;
  let replica: Awaited<ReturnType<typeof createTestDatabase>>;
  let primaryDb: Db;
  let svc: Awaited<ReturnType<typeof startTestService>>;
  const get = (path: string) => fetch(`${svc.base}${path}`, { headers: { cookie: `sw_console=${ADMIN_TOKEN}` } });

  beforeAll(async () => {
    [primary, replica] = await Promise.all([createTestDatabase('rprim'), createTestDatabase('rrepl')]);
    primaryDb = await openPgDb({ connectionString: primary.url, max: 2 });
    const replicaDb = await openPgDb({ connectionString: replica.url, max: 2 });
    await Promise.all([migrate(primaryDb), migrate(replicaDb)]);
    await fill(primaryDb, '主库户', true);
    await fill(replicaDb, '副本户', false);
    await replicaDb.query(`CREATE ROLE ${role} LOGIN`);
    await replicaDb.query(`GRANT SELECT ON ALL TABLES IN SCHEMA public TO ${role}`);
    await replicaDb.close();
    const readUrl = replica.url.replace(/^postgres:\/\/[^@]*@/, `postgres://${role}@`);
    svc = await startTestService({ DATABASE_URL: primary.url, DATABASE_READ_URL: readUrl, ADMIN_TOKEN });
  }, 120_000);
  afterAll(async () => {
    await svc?.stop();
    await primaryDb?.close();
    await Promise.all([primary?.drop(), replica?.drop()]);
    const admin = await openPgDb({ connectionString: PG_URL, max: 1 });
    await admin.query(`DROP ROLE IF EXISTS ${role}`);
    await admin.close();
  });

  it('lists households and cases, and shows statistics, from the replica', async () => {
    const households = await (await get('/console/households')).text();
    expect(households).toContain('副本户');
    expect(households).not.toContain('主库户');
    const cases = await get('/console/cases');
    expect(cases.status).toBe(200);
    expect(await cases.text()).not.toContain(NUMBER); // the case is only on the primary
    expect((await get('/console/dashboard')).status).toBe(200); // 统计, from statisticsStore
    expect((await get('/console/register')).status).toBe(200);
  });

  it('writes to the primary and shows the case page from it, so an action is seen at once', async () => {
    const note = await fetch(`${svc.base}/console/cases/${NUMBER}/note`, {
      method: 'POST',
      body: new URLSearchParams({ text: '已电话联系户主，下周入户' }).toString(),
      headers: {
        cookie: `sw_console=${ADMIN_TOKEN}`,
        'content-type': 'application/x-www-form-urlencoded',
        origin: svc.base,
      },
    });
    expect(note.status).toBe(200);
    const audit = await primaryDb.query<{ note: string }>(
      `SELECT note FROM audit_log WHERE entity = 'case' AND note LIKE '%下周入户%'`,
    );
    expect(audit.rows).toHaveLength(1);
    const page = await get(`/console/cases/${NUMBER}`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('下周入户');
  });

  it('shows the replica refusing connections on /readyz, and stays ready (callbacks do not need it)', async () => {
    type Ready = { ok: boolean; checks: Record<string, string>; advisory: Record<string, string> };
    const ready = async () => (await (await fetch(`${svc.base}/readyz`)).json()) as Ready;
    expect(await ready()).toMatchObject({ ok: true, checks: { db: 'ok' }, advisory: { replica: 'ok' } });
    const admin = await openPgDb({ connectionString: PG_URL, max: 1 });
    try {
      await admin.query(`ALTER ROLE ${role} NOLOGIN`);
      await admin.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = $1`, [role]);
      await expect.poll(async () => (await ready()).advisory.replica, { timeout: 10_000 }).not.toBe('ok');
      expect((await ready()).ok).toBe(true);
      await admin.query(`ALTER ROLE ${role} LOGIN`);
      await expect.poll(async () => (await ready()).advisory.replica, { timeout: 10_000 }).toBe('ok');
    } finally {
      await admin.query(`ALTER ROLE ${role} LOGIN`);
      await admin.close();
    }
  });

  it('cannot write through the read pool', async () => {
    await expect(svc.readDb.query(`INSERT INTO townships (id, name) VALUES ('T9', '错写镇')`)).rejects.toThrow();
    expect(svc.readDb).not.toBe(svc.db);
  });
});

describe('without DATABASE_READ_URL', () => {
  it('reads the console from the primary (PGlite here)', async () => {
    const svc = await startTestService();
    try {
      expect(svc.readDb).toBe(svc.db);
    } finally {
      await svc.stop();
    }
  }, 60_000);
});
