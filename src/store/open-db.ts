import type { Db } from './db.js';

/**
 * DATABASE_URL set: the Postgres server; unset: embedded PGlite in dataDir. Each driver is loaded only
 * when chosen: a process on Postgres never holds PGlite's code, nor one on PGlite the pg client.
 */
export async function openDb(opts: { databaseUrl?: string; dataDir: string }): Promise<Db> {
  if (opts.databaseUrl) return (await import('./pg-db.js')).openPgDb({ connectionString: opts.databaseUrl });
  return (await import('./pglite-db.js')).openPgliteDb(opts.dataDir);
}

/**
 * Where the console's reports read: a read-only pool on DATABASE_READ_URL (a replica) when it is set,
 * otherwise the primary itself (PGlite too), so callers never need to ask which.
 */
export async function openReadDb(primary: Db, readUrl: string | undefined): Promise<Db> {
  return readUrl ? (await import('./pg-db.js')).openPgDb({ connectionString: readUrl, readOnly: true }) : primary;
}
