import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConsoleTokens } from '../../src/domain/ports/console-tokens.js';
import { consoleTokens } from '../../src/store/console-token-store.js';
import { upsertTownships } from '../../src/store/county-store.js';
import type { Db } from '../../src/store/db.js';
import { openTestDb, pgAvailable, type DbKind } from '../helpers/test-db.js';

const kinds: DbKind[] = ['pglite', ...((await pgAvailable()) ? (['pg'] as const) : [])];

/** The ConsoleTokens port's contract, on PGlite and on the real Postgres. */
describe.each(kinds)('consoleTokens on %s', (kind) => {
  let db: Db;
  let tokens: ConsoleTokens;
  beforeAll(async () => {
    db = await openTestDb(kind);
    tokens = consoleTokens(db);
    await upsertTownships(db, [{ id: 'T1', name: '青山镇', county: '' }]);
  });
  afterAll(() => db.close());

  it('knows a township by id, and nothing by a name or an unknown id', async () => {
    expect(await tokens.township('T1')).toEqual({ id: 'T1', name: '青山镇' });
    expect(await tokens.township('青山镇')).toBeNull();
    expect(await tokens.township('T9')).toBeNull();
  });

  it('signs a new token in to its township, keeps only its hash, and knows no other token', async () => {
    const token = await tokens.create('T1');
    expect(token.length).toBeGreaterThan(20);
    expect(await tokens.ofToken(token)).toEqual({ id: 'T1', name: '青山镇' });
    expect(await tokens.ofToken(`${token}x`)).toBeNull();
    const stored = await db.query<{ token_hash: string }>('SELECT token_hash FROM console_tokens');
    expect(stored.rows.some((r) => r.token_hash.includes(token))).toBe(false);
  });

  it('knows a revoked token no more', async () => {
    const token = await tokens.create('T1');
    await db.query('UPDATE console_tokens SET revoked_at = now()');
    expect(await tokens.ofToken(token)).toBeNull();
  });
});
