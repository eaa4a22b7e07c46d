import { PGlite } from '@electric-sql/pglite';
import { createHash, randomBytes } from 'node:crypto';
import { readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
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
/** Dumps are named by the hour: one older than three is no one's any more. */
const STALE_MS = 3 * 3_600_000;
/** At most this many dumps (45 MB each) in the temp dir. */
const KEEP = 8;

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
  let saved: Buffer | undefined;
  try {
    // Read at once, not as a file-backed Blob: that one fails if another process renames its own dump
    // over this one (two processes may make the same dump at once).
    saved = readFileSync(file);
  } catch {
    // none yet (or a stale one just removed by another process): make it
  }
  if (saved) {
    const lite = await PGlite.create({ loadDataDir: new Blob([saved as Uint8Array<ArrayBuffer>]) });
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
  const part = `${file}.${process.pid}-${randomBytes(4).toString('hex')}.part`;
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
  const dumps = readdirSync(dir)
    .filter((name) => name.startsWith(PREFIX) && join(dir, name) !== keep)
    .flatMap((name) => {
      try {
        return [{ path: join(dir, name), age: Date.now() - statSync(join(dir, name)).mtimeMs }];
      } catch {
        return []; // removed meanwhile by another process
      }
    })
    .sort((a, b) => a.age - b.age);
  // Every edit under src/store makes new dumps: keep the newest few (a reader has its copy in memory).
  // A .part is another process's dump being written: only one left by a process that died goes.
  const done = dumps.filter((d) => d.path.endsWith('.tar'));
  for (const d of dumps) if (d.age > STALE_MS || done.indexOf(d) >= KEEP - 1) rmSync(d.path, { force: true });
}
