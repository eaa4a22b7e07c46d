import type { Queryable } from './db.js';
import { hashKey as hash, newKey } from './key-hash.js';

/** Creates a key for a department; only its hash is kept, so the key is shown once. */
export async function createDeptKey(db: Queryable, department: string): Promise<string> {
  const key = newKey('swk');
  await db.query('INSERT INTO dept_keys (department, key_hash) VALUES ($1, $2)', [department, hash(key)]);
  return key;
}

/** The department a key belongs to, or null for an unknown or revoked key. */
export async function departmentOfKey(db: Queryable, key: string): Promise<string | null> {
  const { rows } = await db.query<{ department: string }>(
    'SELECT department FROM dept_keys WHERE key_hash = $1 AND revoked_at IS NULL',
    [hash(key)],
  );
  return rows[0]?.department ?? null;
}
