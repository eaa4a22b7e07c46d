import type { Db } from '../src/store/db.js';
import { migrate } from '../src/store/migrate.js';
import { openPgDb } from '../src/store/pg-db.js';

/** Creates the database `name` on the Postgres server at `server` (a URL without a path) unless it is there. */
export async function ensureBenchDatabase(server: string, name: string): Promise<void> {
  const admin = await openPgDb({ connectionString: `${server}/postgres`, max: 1 });
  try {
    const exists = (await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])).rows.length > 0;
    if (!exists) await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.close();
  }
}

/** A bench's own database, migrated; it is kept between runs, so a large seed is paid for once. */
export async function openBenchDatabase(server: string, name: string): Promise<Db> {
  await ensureBenchDatabase(server, name);
  const db = await openPgDb({ connectionString: `${server}/${name}`, max: 4 });
  await migrate(db);
  return db;
}
