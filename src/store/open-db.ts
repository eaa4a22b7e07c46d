import type { Db } from './db.js';
import { openPgDb } from './pg-db.js';
import { openPgliteDb } from './pglite-db.js';

/** DATABASE_URL set: the Postgres server; unset: embedded PGlite in dataDir. */
export function openDb(opts: { databaseUrl?: string; dataDir: string }): Promise<Db> {
  return opts.databaseUrl ? openPgDb({ connectionString: opts.databaseUrl }) : openPgliteDb(opts.dataDir);
}

/**
 * Where the console's reports read: a read-only pool on DATABASE_READ_URL (a replica) when it is set,
 * otherwise the primary itself (PGlite too), so callers never need to ask which.
 */
export async function openReadDb(primary: Db, readUrl: string | undefined): Promise<Db> {
  return readUrl ? openPgDb({ connectionString: readUrl, readOnly: true }) : primary;
}
