import { PGlite } from '@electric-sql/pglite';
import { createHash } from 'node:crypto';
import { openAsBlob, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { migrate } from '../src/store/migrate.js';
import { pgliteDb } from '../src/store/pglite-db.js';
import { seedDemo } from '../src/store/seed-demo.js';

const ROOT = new URL('../', import.meta.url).pathname;
/** What a dump is made by: the migrations and the store and demo code that seeds it. */
const MADE_BY = ['src/store', 'src/demo'];
const PREFIX = 'shouwang-pglite-';
/** Dumps are named by the hour: one older than two is no one's any more. */
const STALE_MS = 2 * 3_600_000;

/** `empty`: migrated, nothing in it; `demo`: and the demo county of seedDemo's defaults. */
export type PgliteDump = 'empty' | 'demo';

/**
 * A migrated in-memory PGlite (with the demo county for `demo`). A new PGlite runs initdb (about 3 s
 * of CPU) and the migrations (0.5 s), the demo county 1.3 s more; loading a dump of one made earlier
 * takes 0.8 s. The first test process to need one makes it and leaves its dump in the temp dir for the
 * others, under a name that changes with the code that made it, the PGlite version and the UTC hour
 * (021_partitions makes the current month's partitions; seeded rows carry the time they were written).
 */
export async function openMigratedPglite(dump: PgliteDump = 'empty') {
  return (await open(dump)).db;
}

async function open(dump: PgliteDump): Promise<{ lite: PGlite; db: ReturnType<typeof pgliteDb> }> {
  const file = join(tmpdir(), `${PREFIX}${dump}-${dumpKey()}.tar`);
  let saved: Blob | undefined;
  try {
    saved = await openAsBlob(file);
  } catch {
    // none yet (or a stale one just removed by another process): make it
  }
  if (saved) {
    const lite = await PGlite.create({ loadDataDir: saved });
    return { lite, db: pgliteDb(lite) };
  }
  let made: { lite: PGlite; db: ReturnType<typeof pgliteDb> };
  if (dump === 'demo') {
    made = await open('empty');
    await seedDemo(made.db);
  } else {
    const lite = await PGlite.create();
    made = { lite, db: pgliteDb(lite) };
    await migrate(made.db);
  }
  const blob = await made.lite.dumpDataDir('none');
  // Written aside and renamed: a process reading the dump never sees half of it.
  const part = `${file}.${process.pid}.part`;
  writeFileSync(part, Buffer.from(await blob.arrayBuffer()));
  renameSync(part, file);
  removeStale(file);
  return made;
}

function dumpKey(): string {
  const hash = createHash('sha256');
  // The package exports no package.json: read it next to its entry (dist/).
  const entry = createRequire(import.meta.url).resolve('@electric-sql/pglite');
  hash.update(readFileSync(join(dirname(entry), '..', 'package.json')));
  for (const file of MADE_BY.flatMap(filesUnder).sort()) hash.update(file).update(readFileSync(join(ROOT, file)));
  hash.update(new Date().toISOString().slice(0, 13));
  return hash.digest('hex').slice(0, 16);
}

function filesUnder(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? filesUnder(join(dir, e.name)) : [join(dir, e.name)],
  );
}

function removeStale(keep: string): void {
  const dir = tmpdir();
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (!name.startsWith(PREFIX) || path === keep) continue;
    try {
      if (Date.now() - statSync(path).mtimeMs > STALE_MS) rmSync(path, { force: true });
    } catch {
      // removed meanwhile by another process
    }
  }
}
