import type Router from '@koa/router';
import { RetryForm } from '../src/domain/console/console-queries.js';
import type { FailedJobs } from '../src/domain/ports/failed-jobs.js';
import { retryFailedJob } from '../src/domain/use-cases/retry-failed-job.js';
import { AppError } from '../src/http/app-error.js';
import type { ConsoleFrame } from '../src/web/console-frame.js';
import { failedJobsPage } from '../src/web/failed-jobs-page.js';

export interface FailedJobRoutesDeps extends Pick<ConsoleFrame, 'countyOnly' | 'show' | 'form'> {
  jobs: FailedJobs;
  queueNames: readonly string[]; // intake, notify, schedule
  timeZone: string;
  now(): Date;
}

/** 失败任务: county staff see jobs that failed for good and retry them (audited). */
export function failedJobRoutes(
  router: Router,
  { jobs, queueNames, timeZone, now, countyOnly, show, form }: FailedJobRoutesDeps,
): void {
  const retryForm = RetryForm(queueNames);
  router.get(
    '/console/failed',
    countyOnly(async (ctx, viewer) => {
      const retried = typeof ctx.query.retried === 'string' ? ctx.query.retried : undefined;
      const [failed, dead] = await Promise.all([jobs.list(), jobs.deadLetters()]);
      show(ctx, viewer, '失败任务', failedJobsPage(failed, dead, { timeZone, retried }));
    }),
  );
  router.post(
    '/console/failed/retry',
    countyOnly(async (ctx, viewer) => {
      const f = await form(ctx, retryForm);
      const out = await retryFailedJob(jobs, { ...f, actor: `console:${viewer.label}` }, now());
      if (!out.ok) throw new AppError(404, 'not_found', `没有编号为 ${f.id} 的失败任务，它可能已被重试或已完成。`);
      ctx.status = 303;
      ctx.redirect(`/console/failed?retried=${encodeURIComponent(out.job.id)}`);
    }),
  );
}
