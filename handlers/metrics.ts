import { timingSafeEqual } from 'node:crypto';
import type Router from '@koa/router';
import type { Registry } from 'prom-client';

const same = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/** A registry, or several merged (the web side and its worker thread). */
export type MetricsSource = Pick<Registry, 'contentType' | 'metrics'>;

/**
 * GET /metrics in the Prometheus text format (no personal data in any label). With a `token`, only to
 * `Authorization: Bearer <token>` (the web port, which anyone may reach); without, to all (METRICS_PORT).
 */
export function metricsRoutes(router: Router, registry: MetricsSource, { token }: { token?: string } = {}): void {
  router.get('/metrics', async (ctx) => {
    const given = /^Bearer\s+(\S+)$/i.exec(ctx.get('authorization'))?.[1] ?? '';
    if (token !== undefined && !same(given, token)) {
      ctx.status = 401;
      ctx.set('www-authenticate', 'Bearer');
      ctx.body = { error: 'unauthorized', message: '请用 Authorization: Bearer <METRICS_TOKEN> 访问指标。' };
      return;
    }
    ctx.type = registry.contentType;
    ctx.body = await registry.metrics();
  });
}
