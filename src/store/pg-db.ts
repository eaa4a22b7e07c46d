import pg from 'pg';
import type { Db, Queryable } from './db.js';

// bigint (int8) and numeric come back as strings by default; our ids fit in 2^53.
pg.types.setTypeParser(20, (v) => Number(v));

export interface PgDbOptions {
  connectionString: string;
  /** Schema to use (created if missing); tests use one per file. */
  schema?: string;
  max?: number;
}

export async function openPgDb({ connectionString, schema, max = 10 }: PgDbOptions): Promise<Db> {
  if (schema && !/^\w+$/.test(schema)) throw new Error(`invalid schema name: ${schema}`);
  const pool = new pg.Pool({
    connectionString,
    max,
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  });
  // An idle client losing its connection must not crash the process.
  pool.on('error', () => undefined);
  if (schema) await pool.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
  const query: Queryable['query'] = async (sql, params) => {
    const res = await pool.query(sql, params as unknown[]);
    return { rows: res.rows };
  };
  return {
    kind: 'pg',
    query,
    async transaction(fn) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await fn({
          query: async (sql, params) => ({ rows: (await client.query(sql, params as unknown[])).rows }),
        });
        await client.query('COMMIT');
        return result;
      } catch (err) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw err;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}
