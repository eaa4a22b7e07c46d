/**
 * The database could not be reached or ended the session (down, restarting, refusing connections). Not
 * a bug in the statement: the same work can succeed later, so callers retry (jobs) or answer 503 with
 * Retry-After (HTTP). Wraps the driver's error as `cause`. Thrown by the store adapters (src/store/db-errors.ts
 * decides which driver errors are this one), caught at the edges.
 */
export class DatabaseUnavailableError extends Error {
  override name = 'DatabaseUnavailableError';
  constructor(cause: unknown) {
    super(`database unavailable: ${(cause as Error)?.message ?? String(cause)}`, { cause });
  }
}
