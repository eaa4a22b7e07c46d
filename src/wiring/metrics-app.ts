import type Koa from 'koa';
import { AggregatorRegistry } from 'prom-client';
import type { HealthDeps } from '../../handlers/health.js';
import { metricsRoutes, type MetricsSource } from '../../handlers/metrics.js';
import { createApp } from '../app.js';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import { checkQueuesWritable } from '../queue/queue-probe.js';
import type { Infra } from './infra.js';

/** Health checks for /readyz: each dependency answers. */
export const readinessChecks = ({ db, readDb, probe, workerThread }: Infra, config: Config): HealthDeps => ({
  checks: {
    db: () => db.query('SELECT 1'),
    redis: () => probe.ping(),
    // Answering is not enough: a read-only, full or half-down Redis (a cluster master) answers PING.
    queues: () => checkQueuesWritable(probe, config.QUEUE_PREFIX, config.QUEUE_SHARDS),
    // The thread's loop answers, and its own connections do.
    ...(workerThread && { 'worker thread': () => workerThread.ready() }),
  },
  // Shown, not failing readiness: without the replica only the console's lists fail, while a load
  // balancer taking the process out would stop callbacks too.
  ...(readDb !== db && { advisory: { replica: () => readDb.query('SELECT 1') } }),
});

/**
 * What /metrics serves: this loop's registry, and with a worker thread its counters too (prom-client's
 * merge for cluster workers; the queue gauge, read from Redis on both sides, is taken once).
 */
export function metricsSource({ metrics, workerThread }: Infra): MetricsSource {
  if (!workerThread) return metrics.registry;
  return {
    contentType: metrics.registry.contentType,
    metrics: async () => {
      const [here, there] = await Promise.all([metrics.registry.getMetricsAsJSON(), workerThread.metrics()]);
      return AggregatorRegistry.aggregate([here, there]).metrics();
    },
  };
}

/** METRICS_PORT's app, in any role: /metrics and the health checks, so each process's counters can be scraped. */
export function metricsApp(infra: Infra, config: Config, logger: Logger): Koa {
  return createApp({
    logger,
    ...readinessChecks(infra, config),
    routes: [(router) => metricsRoutes(router, metricsSource(infra))],
  });
}
