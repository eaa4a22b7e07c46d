import pg from 'pg';
import type { Db, Queryable } from './db.js';
import { asDatabaseError } from './db-errors.js';

// bigint (int8) and numeric come back as strings by default; our ids fit in 2^53.
pg.types.setTypeParser(20, (v) => Number(v));

export interface PgDbOptions {
  connectionString: string;
  /** Schema to use (created if missing); tests use one per file. */
  schema?: string;
  max?: number;
  /** Every transaction read-only (a replica's pool): a write sent here by mistake fails instead of splitting the data. */
  readOnly?: boolean;
}

export async function openPgDb({ connectionString, schema, max = 10, readOnly = false }: PgDbOptions): Promise<Db> {
  if (schema && !/^\w+$/.test(schema)) throw new Error(`invalid schema name: ${schema}`);
  const options = [
    ...(schema ? [`-c search_path=${schema}`] : []),
    ...(readOnly ? ['-c default_transaction_read_only=on'] : []),
  ].join(' ');
  const pool = new pg.Pool({ connectionString, max, ...(options ? { options } : {}) });
  // An idle client losing its connection must not crash the process.
  pool.on('error', () => undefined);
  if (schema && !readOnly) await pool.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
  const query: Queryable['query'] = async (sql, params) => {
    const res = await pool.query(sql, params as unknown[]).catch(asDatabaseError);
    return { rows: res.rows };
  };
  return {
    kind: 'pg',
    query,
    async transaction(fn) {
      const client = await pool.connect().catch(asDatabaseError);
      // A session the server ends while we hold the client (between two statements) arrives as an 'error'
      // event on the client, which would crash the process unheard. The next statement fails anyway; the
      // client is then destroyed rather than handed to someone else.
      let lost: Error | undefined;
      const onLost = (err: Error) => {
        lost = err;
      };
      client.on('error', onLost);
      try {
        await client.query('BEGIN');
        const result = await fn({
          query: async (sql, params) => ({ rows: (await client.query(sql, params as unknown[])).rows }),
        });
        await client.query('COMMIT');
        return result;
      } catch (err) {
        await client.query('ROLLBACK').catch(() => undefined);
        return asDatabaseError(err);
      } finally {
        // A lost client keeps the listener: it is destroyed, and may still report its socket closing.
        if (!lost) client.off('error', onLost);
        client.release(lost);
      }
    },
    close: () => pool.end(),
  };
}
