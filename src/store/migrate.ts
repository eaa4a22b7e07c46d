import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Db } from './db.js';

const MIGRATIONS_DIR = fileURLToPath(new URL('./migrations/', import.meta.url));
// Any constant; holds concurrent starters (web + worker) off each other.
const LOCK_KEY = 740_201;

/** Applies new .sql files in name order, each in its own transaction; safe to run twice or concurrently. */
export async function migrate(db: Db, dir = MIGRATIONS_DIR): Promise<string[]> {
  await db.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
    name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`);
  const files = (await readdir(dir)).filter((f) => f.endsWith('.sql')).sort();
  const applied: string[] = [];
  for (const name of files) {
    const sql = await readFile(dir + name, 'utf8');
    const done = await db.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1)', [LOCK_KEY]);
      const seen = await tx.query('SELECT 1 FROM schema_migrations WHERE name = $1', [name]);
      if (seen.rows.length > 0) return false;
      await execScript(tx, sql);
      await tx.query('INSERT INTO schema_migrations (name) VALUES ($1)', [name]);
      return true;
    });
    if (done) applied.push(name);
  }
  return applied;
}

/**
 * Runs a script statement by statement (extended protocol takes one statement per call). A statement
 * ends with `;` at the end of a line, except inside a `$$ … $$` function body.
 */
async function execScript(tx: Pick<Db, 'query'>, sql: string): Promise<void> {
  const statements: string[] = [];
  let open = '';
  for (const piece of sql.split(/;\s*$/m)) {
    open = open ? `${open};${piece}` : piece;
    if ((open.match(/\$\$/g)?.length ?? 0) % 2 === 0) {
      statements.push(open);
      open = '';
    }
  }
  if (open) statements.push(open);
  for (const s of statements.map((s) => s.replace(/^\s*--.*$/gm, '').trim()).filter(Boolean)) await tx.query(s);
}
