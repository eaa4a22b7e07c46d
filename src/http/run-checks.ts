/** /readyz's checks, each given 2 s: a dependency that hangs is as unready as one that refuses. */
const TIMEOUT_MS = 2000;

/** Each check's 'ok' or why it failed, all at once. */
export async function runChecks(checks: Record<string, () => Promise<unknown>>): Promise<Record<string, string>> {
  const results = await Promise.all(
    Object.entries(checks).map(async ([name, check]) => {
      try {
        await withTimeout(check(), TIMEOUT_MS);
        return [name, 'ok'] as const;
      } catch (err) {
        return [name, (err as Error).message || 'failed'] as const;
      }
    }),
  );
  return Object.fromEntries(results);
}

/** `p`, or a rejection once `ms` have passed without it settling. */
export function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}
