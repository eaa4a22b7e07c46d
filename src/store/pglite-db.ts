import { PGlite } from '@electric-sql/pglite';
import { mkdirSync } from 'node:fs';
import { lockDataDir } from './data-dir-lock.js';
import type { Db } from './db.js';

/** Embedded Postgres: a directory path, or undefined / "memory://" for an in-memory database (tests). */
export async function openPgliteDb(dataDir?: string): Promise<Db> {
  let lock: { release(): void } | undefined;
  if (dataDir && !dataDir.startsWith('memory://')) {
    mkdirSync(dataDir, { recursive: true });
    lock = lockDataDir(dataDir); // one process per directory: a second one would corrupt it
  }
  let lite: PGlite;
  try {
    lite = await PGlite.create(dataDir ? { dataDir } : {});
  } catch (err) {
    lock?.release();
    throw err;
  }
  return pgliteDb(lite, () => lock?.release());
}

/** A PGlite already open as a Db (tests open theirs from a migrated dump); closing it calls `onClose` last. */
export function pgliteDb(lite: PGlite, onClose: () => void = () => undefined): Db {
  // PGlite runs one statement at a time; a transaction holds it, so plain queries simply wait.
  return {
    kind: 'pglite',
    query: async (sql, params) => {
      const res = await lite.query(sql, params);
      return { rows: res.rows as never[] };
    },
    transaction: (fn) =>
      lite.transaction((tx) =>
        fn({ query: async (sql, params) => ({ rows: (await tx.query(sql, params)).rows as never[] }) }),
      ),
    close: async () => {
      try {
        await lite.close();
      } finally {
        onClose();
      }
    },
  };
}
