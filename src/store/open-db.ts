import type { Db } from './db.js';
import { openPgDb } from './pg-db.js';
import { openPgliteDb } from './pglite-db.js';

/** DATABASE_URL set: the Postgres server; unset: embedded PGlite in dataDir. */
export function openDb(opts: { databaseUrl?: string; dataDir: string }): Promise<Db> {
  return opts.databaseUrl ? openPgDb({ connectionString: opts.databaseUrl }) : openPgliteDb(opts.dataDir);
}
