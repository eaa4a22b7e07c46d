import { DatabaseUnavailableError } from '../domain/ports/errors.js';

export { DatabaseUnavailableError };

// Socket-level failures from node (connecting to or talking with the server).
const NET_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
  'ENOTFOUND',
]);
// SQLSTATEs: class 08 connection exception; 57P01-57P03 admin/crash shutdown, cannot connect now; 53300 too many connections.
const SQLSTATES = /^(08...|57P0[123]|53300)$/;
// node-postgres reports a dropped connection by message only.
const PG_MESSAGES =
  /Connection terminated|connection error and is not queryable|timeout exceeded when trying to connect/;

/** Whether an error means "the database is not there right now" rather than "this statement is wrong". */
export function isDatabaseUnavailable(err: unknown): boolean {
  if (err instanceof DatabaseUnavailableError) return true;
  const e = err as { code?: unknown; message?: unknown; errors?: unknown[] } | null;
  if (!e || typeof e !== 'object') return false;
  if (typeof e.code === 'string' && (NET_CODES.has(e.code) || SQLSTATES.test(e.code))) return true;
  if (typeof e.message === 'string' && PG_MESSAGES.test(e.message)) return true;
  // A host name with several addresses fails with an AggregateError of the attempts.
  return Array.isArray(e.errors) && e.errors.length > 0 && e.errors.every(isDatabaseUnavailable);
}

/** Rethrows a connection-class error as DatabaseUnavailableError, anything else as it was. */
export function asDatabaseError(err: unknown): never {
  throw isDatabaseUnavailable(err) && !(err instanceof DatabaseUnavailableError)
    ? new DatabaseUnavailableError(err)
    : err;
}
