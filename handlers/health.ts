import type Router from '@koa/router';
import { runChecks } from '../src/http/run-checks.js';

export interface HealthDeps {
  /** Resolves when the check passes; rejects with the reason otherwise. */
  checks: Record<string, () => Promise<unknown>>;
  /** Shown beside the checks but never failing readiness: what a process can serve its traffic without. */
  advisory?: Record<string, () => Promise<unknown>>;
}

/** /healthz: the process answers. /readyz: every dependency answers, each within 2 s. */
export function healthRoutes(router: Router, { checks, advisory }: HealthDeps): void {
  router.get('/healthz', (ctx) => {
    ctx.body = { ok: true };
  });
  router.get('/readyz', async (ctx) => {
    const [results, advised] = await Promise.all([runChecks(checks), advisory && runChecks(advisory)]);
    const ok = Object.values(results).every((r) => r === 'ok');
    ctx.status = ok ? 200 : 503;
    ctx.body = { ok, checks: results, ...(advised && { advisory: advised }) };
  });
}
