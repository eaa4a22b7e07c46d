import type Koa from 'koa';
import type { HealthDeps } from '../../handlers/health.js';
import { metricsRoutes } from '../../handlers/metrics.js';
import { createApp } from '../app.js';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import { checkQueuesWritable } from '../queue/queue-probe.js';
import type { Infra } from './infra.js';

/** Health checks for /readyz: each dependency answers. */
export const readinessChecks = ({ db, readDb, probe }: Infra, config: Config): HealthDeps => ({
  checks: {
    db: () => db.query('SELECT 1'),
    redis: () => probe.ping(),
    // Answering is not enough: a read-only, full or half-down Redis (a cluster master) answers PING.
    queues: () => checkQueuesWritable(probe, config.QUEUE_PREFIX, config.QUEUE_SHARDS),
  },
  // Shown, not failing readiness: without the replica only the console's lists fail, while a load
  // balancer taking the process out would stop callbacks too.
  ...(readDb !== db && { advisory: { replica: () => readDb.query('SELECT 1') } }),
});

/** METRICS_PORT's app, in any role: /metrics and the health checks, so each process's counters can be scraped. */
export function metricsApp(infra: Infra, config: Config, logger: Logger): Koa {
  return createApp({
    logger,
    ...readinessChecks(infra, config),
    routes: [(router) => metricsRoutes(router, infra.metrics.registry)],
  });
}
