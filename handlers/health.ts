import type Router from '@koa/router';

export interface HealthDeps {
  /** Resolves when the check passes; rejects with the reason otherwise. */
  checks: Record<string, () => Promise<unknown>>;
}

const TIMEOUT_MS = 2000;

/** /healthz: the process answers. /readyz: every dependency answers, each within 2 s. */
export function healthRoutes(router: Router, { checks }: HealthDeps): void {
  router.get('/healthz', (ctx) => {
    ctx.body = { ok: true };
  });
  router.get('/readyz', async (ctx) => {
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
    const ok = results.every(([, r]) => r === 'ok');
    ctx.status = ok ? 200 : 503;
    ctx.body = { ok, checks: Object.fromEntries(results) };
  });
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}
