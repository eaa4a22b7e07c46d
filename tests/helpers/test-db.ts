import { randomBytes } from 'node:crypto';
import type { Db } from '../../src/store/db.js';
import { migrate } from '../../src/store/migrate.js';
import { openPgDb } from '../../src/store/pg-db.js';
import { openMigratedPglite } from '../../support/pglite-template.js';

export const PG_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export type DbKind = 'pglite' | 'pg';

/** A migrated, empty database: in-memory PGlite, or a schema of its own on the real server. */
export async function openTestDb(kind: DbKind = process.env.TEST_DB === 'pg' ? 'pg' : 'pglite'): Promise<Db> {
  if (kind === 'pglite') return openMigratedPglite();
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const db = await openPgDb({ connectionString: PG_URL, schema, max: 4 });
  await migrate(db);
  return {
    ...db,
    async close() {
      await db.query(`DROP SCHEMA ${schema} CASCADE`);
      await db.close();
    },
  };
}

/** Empties every domain table (faster than a new database). */
export async function resetDb(db: Db): Promise<void> {
  const { rows } = await db.query<{ t: string }>(
    `SELECT tablename AS t FROM pg_tables WHERE schemaname = current_schema() AND tablename <> 'schema_migrations'`,
  );
  await db.query(`TRUNCATE ${rows.map((r) => `"${r.t}"`).join(', ')} RESTART IDENTITY CASCADE`);
}

/** Whether the real Postgres answers; in CI it must. */
export async function pgAvailable(): Promise<boolean> {
  try {
    const db = await openPgDb({ connectionString: PG_URL, max: 1 });
    await db.query('SELECT 1');
    await db.close();
    return true;
  } catch {
    if (process.env.CI) throw new Error(`Postgres at ${PG_URL} does not answer; CI needs it`);
    console.warn(`Postgres at ${PG_URL} does not answer: the pg store suite is skipped`);
    return false;
  }
}

/** A database of its own on the real server, for tests whose child processes share it; drop() removes it. */
export async function createTestDatabase(tag: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `sw_${tag}_${randomBytes(4).toString('hex')}`;
  const admin = async <T>(fn: (db: Db) => Promise<T>) => {
    const db = await openPgDb({ connectionString: PG_URL, max: 1 });
    try {
      return await fn(db);
    } finally {
      await db.close();
    }
  };
  await admin((db) => db.query(`CREATE DATABASE ${name}`));
  return {
    url: PG_URL.replace(/\/[^/]*$/, `/${name}`),
    drop: () =>
      admin(async (db) => {
        await db.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      }),
  };
}
