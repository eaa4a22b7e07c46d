import { describe, expect, it } from 'vitest';
import { DatabaseUnavailableError } from '../../src/store/db-errors.js';
import { openPgDb } from '../../src/store/pg-db.js';
import { PG_URL, pgAvailable } from '../helpers/test-db.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * F8: a session the server ends while its client is checked out (idle in a transaction between two
 * statements) is reported by node-postgres as an 'error' event on that client. Unhandled, it crashed the
 * worker; now the transaction fails with DatabaseUnavailableError and the pool goes on with new sessions.
 */
describe.runIf(await pgAvailable())('pg adapter when the server ends a session', () => {
  it('fails the transaction as "database unavailable", keeps the process, and serves the next query', async () => {
    const db = await openPgDb({ connectionString: PG_URL, max: 2 });
    const admin = await openPgDb({ connectionString: PG_URL, max: 1 });
    try {
      const tx = db.transaction(async (t) => {
        const { rows } = await t.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
        await admin.query('SELECT pg_terminate_backend($1)', [rows[0]!.pid]);
        await sleep(300); // idle in the transaction while the server's goodbye arrives
        await t.query('SELECT 1');
      });
      await expect(tx).rejects.toBeInstanceOf(DatabaseUnavailableError);
      expect((await db.query<{ one: number }>('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
      await expect(
        db.query('SELECT 1 FROM no_such_table_here'),
        'a wrong statement is not an outage',
      ).rejects.not.toBeInstanceOf(DatabaseUnavailableError);
    } finally {
      await db.close();
      await admin.close();
    }
  });

  it('reports a server that is not there as "database unavailable"', async () => {
    const db = await openPgDb({ connectionString: 'postgres://postgres@127.0.0.1:1/none', max: 1 });
    await expect(db.query('SELECT 1')).rejects.toBeInstanceOf(DatabaseUnavailableError);
    await expect(db.transaction(async () => 1)).rejects.toBeInstanceOf(DatabaseUnavailableError);
    await db.close();
  });
});
