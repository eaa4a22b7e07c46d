import type { ConsoleTokens } from '../domain/ports/console-tokens.js';
import type { Queryable } from './db.js';
import { hashKey, newKey } from './key-hash.js';

/** Creates a console token for one township's staff (shown once). */
export async function createConsoleToken(db: Queryable, townshipId: string): Promise<string> {
  const token = newKey('swc');
  await db.query('INSERT INTO console_tokens (township_id, token_hash) VALUES ($1, $2)', [townshipId, hashKey(token)]);
  return token;
}

/** The township a console token belongs to, or null. */
export async function townshipOfToken(db: Queryable, token: string): Promise<{ id: string; name: string } | null> {
  const { rows } = await db.query<{ id: string; name: string }>(
    'SELECT t.id, t.name FROM console_tokens c JOIN townships t ON t.id = c.township_id WHERE c.token_hash = $1 AND c.revoked_at IS NULL',
    [hashKey(token)],
  );
  return rows[0] ?? null;
}

/** The ConsoleTokens port. */
export function consoleTokens(db: Queryable): ConsoleTokens {
  return {
    async township(id) {
      const { rows } = await db.query<{ id: string; name: string }>('SELECT id, name FROM townships WHERE id = $1', [
        id,
      ]);
      return rows[0] ?? null;
    },
    create: (townshipId) => createConsoleToken(db, townshipId),
    ofToken: (token) => townshipOfToken(db, token),
  };
}
