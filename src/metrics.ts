import type { Worker } from 'bullmq';
import type { Middleware } from 'koa';
import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import { JOB } from './queue/jobs.js';
import type { Queues } from './queue/queues.js';

/** One registry per service (tests run several in one process), exposed at /metrics. */
export function createMetrics(queues: Queues) {
  const registry = new Registry();
  const requests = new Counter({
    name: 'shouwang_http_requests_total',
    help: 'HTTP requests by route and status',
    labelNames: ['method', 'route', 'status'],
    registers: [registry],
  });
  const callbackSeconds = new Histogram({
    name: 'shouwang_callback_seconds',
    help: 'WeCom callback latency: verify, decrypt, store, queue',
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
    registers: [registry],
  });
  new Gauge({
    name: 'shouwang_queue_jobs',
    help: 'Jobs per queue and state',
    labelNames: ['queue', 'state'],
    registers: [registry],
    // The same Redis figures whichever thread reads them: merged with a worker thread's, taken once, not summed.
    aggregator: 'first',
    async collect() {
      for (const [name, queue] of Object.entries(queues)) {
        const counts = await queue.getJobCounts('waiting', 'active', 'delayed', 'failed', 'prioritized');
        for (const [state, n] of Object.entries(counts)) this.set({ queue: name, state }, n);
      }
    },
  });
  const jobsFailed = new Counter({
    name: 'shouwang_jobs_failed_total',
    help: 'Job attempts that failed',
    labelNames: ['queue', 'job'],
    registers: [registry],
  });
  const jobsCompleted = new Counter({
    name: 'shouwang_jobs_completed_total',
    help: 'Jobs completed, by queue and job',
    labelNames: ['queue', 'job'],
    registers: [registry],
  });
  const messagesSent = new Counter({
    name: 'shouwang_wecom_messages_sent_total',
    help: 'WeCom messages delivered, by kind',
    labelNames: ['kind'],
    registers: [registry],
  });
  const reminders = new Counter({
    name: 'shouwang_reminders_total',
    help: 'Reminders sent by sweeps (in digests)',
    registers: [registry],
  });
  const escalations = new Counter({
    name: 'shouwang_escalations_total',
    help: 'Reminders that went up the chain',
    registers: [registry],
  });

  return {
    registry,
    /** Counts every request by its route pattern (not its path: ids would explode the labels). */
    httpMiddleware: (): Middleware => async (ctx, next) => {
      const end = ctx.path === '/wecom/callback' ? callbackSeconds.startTimer() : undefined;
      try {
        await next();
      } finally {
        end?.();
        requests.inc({
          method: ctx.method,
          route: (ctx as { _matchedRoute?: string })._matchedRoute ?? 'unmatched',
          status: String(ctx.status),
        });
      }
    },
    /** Failures, deliveries and sweep results as workers report them. */
    observe(workers: Worker[]) {
      for (const w of workers) {
        w.on('failed', (job) => jobsFailed.inc({ queue: w.name, job: job?.name ?? 'unknown' }));
        w.on('completed', (job, result: Record<string, unknown> | undefined) => {
          jobsCompleted.inc({ queue: w.name, job: job.name });
          if (job.name === JOB.sendWecomMessage && !result?.skipped) messagesSent.inc({ kind: String(job.data.kind) });
          if (job.name === JOB.sweepDue) {
            reminders.inc(Number(result?.reminders ?? 0));
            escalations.inc(Number(result?.escalated ?? 0));
          }
        });
      }
    },
  };
}

export type Metrics = ReturnType<typeof createMetrics>;
