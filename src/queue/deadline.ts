/** Thrown when an operation outlived the time its caller can wait. */
export class DeadlineExceeded extends Error {
  override name = 'DeadlineExceeded';
  constructor(what: string, ms: number) {
    super(`${what}: no answer within ${ms} ms`);
  }
}

/**
 * Settles with `work`, or rejects with DeadlineExceeded after `ms`, whichever is first. The work itself
 * goes on (its own timeout ends it); only the caller stops waiting, e.g. a request that must answer
 * WeCom within a second while a queue command is stuck.
 */
export function withDeadline<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new DeadlineExceeded(what, ms)), ms);
  });
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}
