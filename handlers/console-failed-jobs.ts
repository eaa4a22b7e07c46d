import type Router from '@koa/router';
import type { Context } from 'koa';
import { z } from 'zod';
import { failedJobsPage } from '../src/web/failed-jobs-page.js';
import type { Raw } from '../src/web/html.js';
import type { Viewer } from '../src/web/viewers.js';
import { retryFailedJob } from '../src/domain/use-cases/retry-failed-job.js';
import { AppError } from '../src/http/app-error.js';
import { readRawBody } from '../src/http/read-body.js';
import { QUEUE_NAMES } from '../src/queue/jobs.js';
import type { FailedJobs } from '../src/domain/ports/failed-jobs.js';

export interface FailedJobRoutesDeps {
  jobs: FailedJobs;
  timeZone: string;
  now(): Date;
  signedIn(handler: (ctx: Context, viewer: Viewer) => Promise<void>): (ctx: Context) => Promise<void>;
  show(ctx: Context, viewer: Viewer, title: string, body: Raw): void;
}

const RetryForm = z.object({
  queue: z.enum(QUEUE_NAMES, { message: '请指明任务所在的队列（intake、notify 或 schedule）。' }),
  id: z.string().trim().min(1, '请指明要重试的任务编号。').max(300, '任务编号过长。'),
});

/** 失败任务: county staff see jobs that failed for good and retry them (audited). */
export function failedJobRoutes(router: Router, { jobs, timeZone, now, signedIn, show }: FailedJobRoutesDeps): void {
  const county = (handler: (ctx: Context, viewer: Viewer) => Promise<void>) =>
    signedIn(async (ctx, viewer) => {
      if (viewer.townshipId !== null) throw new AppError(403, 'forbidden', '只有县级账号可以查看和重试失败任务。');
      await handler(ctx, viewer);
    });
  router.get(
    '/console/failed',
    county(async (ctx, viewer) => {
      const retried = typeof ctx.query.retried === 'string' ? ctx.query.retried : undefined;
      const [failed, dead] = await Promise.all([jobs.list(), jobs.deadLetters()]);
      show(ctx, viewer, '失败任务', failedJobsPage(failed, dead, { timeZone, retried }));
    }),
  );
  router.post(
    '/console/failed/retry',
    county(async (ctx, viewer) => {
      const form = RetryForm.safeParse(Object.fromEntries(new URLSearchParams(await readRawBody(ctx.req, 4096))));
      if (!form.success) throw new AppError(400, 'bad_form', form.error.issues.map((i) => i.message).join(''));
      const out = await retryFailedJob(jobs, { ...form.data, actor: `console:${viewer.label}` }, now());
      if (!out.ok)
        throw new AppError(404, 'not_found', `没有编号为 ${form.data.id} 的失败任务，它可能已被重试或已完成。`);
      ctx.status = 303;
      ctx.redirect(`/console/failed?retried=${encodeURIComponent(out.job.id)}`);
    }),
  );
}
