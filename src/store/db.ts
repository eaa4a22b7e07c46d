/** The one port all SQL goes through; `pg` and PGlite both implement it. */
export interface Db {
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<{ rows: T[] }>;
  /** Runs fn inside one transaction on one connection. */
  transaction<R>(fn: (tx: Queryable) => Promise<R>): Promise<R>;
  close(): Promise<void>;
  readonly kind: 'pg' | 'pglite';
}

export type Queryable = Pick<Db, 'query'>;
