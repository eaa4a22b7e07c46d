import { PGlite } from '@electric-sql/pglite';
import { createHash } from 'node:crypto';
import { openAsBlob, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { migrate } from '../src/store/migrate.js';
import { pgliteDb } from '../src/store/pglite-db.js';

const MIGRATIONS = new URL('../src/store/migrations/', import.meta.url).pathname;
const PREFIX = 'shouwang-pglite-';
const DAY_MS = 86_400_000;

/**
 * A migrated, empty in-memory PGlite. A new PGlite runs initdb (about 3 s of CPU) and the migrations
 * (0.5 s); loading a dump of one already migrated takes 0.8 s. The first test process to need one
 * migrates it and leaves its dump in the temp dir for the others, under a name that changes with the
 * migrations, the PGlite version and the UTC day (021_partitions makes the current month's partitions).
 */
export async function openMigratedPglite() {
  const file = join(tmpdir(), `${PREFIX}${templateKey()}.tar`);
  let dump: Blob | undefined;
  try {
    dump = await openAsBlob(file);
  } catch {
    // none yet (or a stale one just removed by another process): make it
  }
  if (dump) return pgliteDb(await PGlite.create({ loadDataDir: dump }));
  const lite = await PGlite.create();
  const db = pgliteDb(lite);
  await migrate(db);
  const blob = await lite.dumpDataDir('none');
  // Written aside and renamed: a process reading the dump never sees half of it.
  const part = `${file}.${process.pid}.part`;
  writeFileSync(part, Buffer.from(await blob.arrayBuffer()));
  renameSync(part, file);
  removeStale(file);
  return db;
}

function templateKey(): string {
  const hash = createHash('sha256');
  // The package exports no package.json: read it next to its entry (dist/).
  const entry = createRequire(import.meta.url).resolve('@electric-sql/pglite');
  hash.update(readFileSync(join(dirname(entry), '..', 'package.json')));
  for (const name of readdirSync(MIGRATIONS).sort()) hash.update(name).update(readFileSync(MIGRATIONS + name));
  hash.update(new Date().toISOString().slice(0, 10));
  return hash.digest('hex').slice(0, 16);
}

/** Dumps older than a day: other days' or other migrations' (other checkouts may still use theirs). */
function removeStale(keep: string): void {
  const dir = tmpdir();
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (!name.startsWith(PREFIX) || path === keep) continue;
    try {
      if (Date.now() - statSync(path).mtimeMs > DAY_MS) rmSync(path, { force: true });
    } catch {
      // removed meanwhile by another process
    }
  }
}
