import type Router from '@koa/router';
import type { Context } from 'koa';
import { z } from 'zod';
import { CASE_STATES } from '../src/domain/cases/case-lifecycle.js';
import { localDateString, localWeek, previousLocalWeek } from '../src/domain/local-time.js';
import { RISK_TYPES, type Policy } from '../src/domain/policy.js';
import { weeklyBulletin } from '../src/domain/use-cases/publish-bulletins.js';
import { caseDetailPage, caseListPage } from '../src/web/case-pages.js';
import { belowThresholdPage, MEASURE_LABEL } from '../src/web/screening-pages.js';
import { html, page } from '../src/web/html.js';
import { readUpload } from '../src/http/read-upload.js';
import type { ConsoleViewers, Viewer } from '../src/web/viewers.js';
import { compliancePage, importPage, overduePage } from '../src/web/work-pages.js';
import { AppError } from '../src/http/app-error.js';
import { IMPORT_KINDS, type ImportKind } from '../src/import/import-schemas.js';
import { importFile } from '../src/import/import-file.js';
import { csvTemplate, SHEET_NAME, xlsxTemplate } from '../src/import/import-template.js';
import { bulletinWorkbook } from '../src/files/bulletin-xlsx.js';
import { casesWorkbook } from '../src/files/cases-xlsx.js';
import { bulletinStore } from '../src/store/bulletin-store.js';
import {
  caseDetail,
  listCases,
  membersOf,
  overdueTasks,
  overdueVisits,
  placesOf,
  timelineOf,
  type CaseFilter,
} from '../src/store/console-store.js';
import type { Db } from '../src/store/db.js';
import { belowThreshold } from '../src/store/signal-store.js';
import { scheduleUnscheduled } from '../src/store/sweep-store.js';
import type { FailedJobStore } from '../src/queue/failed-jobs.js';
import { failedJobRoutes } from './console-failed-jobs.js';
import { villageCodeRoutes, type VillageCodeRoutesDeps } from './console-village-codes.js';
import { consoleLoginRoutes } from './console-login.js';
import type { LoginGuard } from '../src/wiring/login-guard.js';
import { caseActionRoutes, type CaseActionRoutesDeps } from './console-case-actions.js';

export interface ConsoleDeps {
  db: Db;
  policy: Policy;
  timeZone: string;
  viewers: ConsoleViewers;
  now(): Date;
  /** Jobs that failed for good (the 失败任务 page); absent, the page is not served. */
  failedJobs?: FailedJobStore;
  /** 一村一码 (villages' 微信客服 links and posters); absent, the pages are not served. */
  villageCodes?: Pick<VillageCodeRoutesDeps, 'list' | 'ensure'>;
  /** Limits wrong sign-in tokens (see console/login-guard); absent, sign-in is not limited. */
  loginGuard?: LoginGuard;
  /** 关联 / 改派 on the case page; absent, the forms post nowhere. */
  caseActions?: Pick<CaseActionRoutesDeps, 'act' | 'deliver'>;
}

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const place = z.string().regex(/^[A-Za-z0-9_-]{1,40}$/, '地点编号只含字母、数字、-、_');
const blank = (v: unknown) => (v === '' ? undefined : v);
const FilterSchema = z.object({
  township: z.preprocess(blank, place.optional()),
  village: z.preprocess(blank, place.optional()),
  type: z.preprocess(blank, z.enum(RISK_TYPES).optional()),
  urgency: z.preprocess(blank, z.enum(['green', 'normal']).optional()),
  state: z.preprocess(blank, z.enum(CASE_STATES).optional()),
  overdue: z.preprocess(blank, z.literal('1').optional()).transform((v) => v === '1'),
  week: z.preprocess(
    blank,
    z
      .string()
      .regex(/^\d{4}-\d\d-\d\d$/, '日期格式为 2026-11-23')
      .optional(),
  ),
});

const ScreenedFilterSchema = z.object({
  township: FilterSchema.shape.township,
  village: FilterSchema.shape.village,
  department: z.preprocess(blank, z.string().max(60, '部门名称不超过60个字').optional()),
  measure: z.preprocess(
    blank,
    z.enum(Object.keys(MEASURE_LABEL) as [keyof typeof MEASURE_LABEL], { message: '指标不在可选范围内' }).optional(),
  ),
});

function filterOf(ctx: Context): CaseFilter & { week?: string };
function filterOf<S extends z.ZodType>(ctx: Context, schema: S): z.infer<S>;
function filterOf(ctx: Context, schema: z.ZodType = FilterSchema) {
  const parsed = schema.safeParse(ctx.query);
  if (!parsed.success)
    throw new AppError(
      400,
      'bad_filter',
      `筛选条件有误：${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('；')}`,
    );
  return parsed.data;
}

/** The supervisors' console: cases, overdue lists, compliance, import/export; signed in by token (a cookie). */
export function consoleRoutes(router: Router, deps: ConsoleDeps): void {
  const { db, timeZone, viewers } = deps;

  /**
   * Every console page but the login needs a viewer; a browser without one is sent to sign in. A clear
   * error (bad filter, not in your charge, county only) is shown as a page, with the way back.
   */
  const signedIn = (handler: (ctx: Context, viewer: Viewer) => Promise<void>) => async (ctx: Context) => {
    const viewer = await viewers.ofRequest(ctx);
    if (!viewer) return ctx.redirect('/console/login');
    try {
      await handler(ctx, viewer);
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      ctx.status = err.status;
      show(
        ctx,
        viewer,
        '出错了',
        html`<h1>出错了</h1><p class="error">${err.message}</p><p><a href="/console/cases">返回案件列表</a></p>`,
      );
    }
  };
  const show = (ctx: Context, viewer: Viewer, title: string, body: Parameters<typeof page>[1]) => {
    ctx.type = 'html';
    ctx.set('cache-control', 'no-store');
    ctx.body = page(title, body, { path: ctx.path, viewer: viewer.label, county: viewer.townshipId === null });
  };
  const download = (ctx: Context, name: string, body: Buffer) => {
    ctx.type = XLSX;
    ctx.attachment(name);
    ctx.body = body;
  };

  router.get('/console', (ctx) => ctx.redirect('/console/cases'));
  consoleLoginRoutes(router, { viewers, guard: deps.loginGuard });

  router.get(
    '/console/cases',
    signedIn(async (ctx, viewer) => {
      const f = filterOf(ctx);
      const [rows, places] = await Promise.all([listCases(db, viewer, f, deps.now()), placesOf(db, viewer)]);
      show(
        ctx,
        viewer,
        '案件',
        caseListPage(rows, f, places, {
          county: viewer.townshipId === null,
          now: deps.now(),
          timeZone,
          query: ctx.querystring,
        }),
      );
    }),
  );
  router.get(
    '/console/cases.xlsx',
    signedIn(async (ctx, viewer) => {
      download(
        ctx,
        'cases.xlsx',
        await casesWorkbook(await listCases(db, viewer, filterOf(ctx), deps.now(), 100_000), timeZone),
      );
    }),
  );
  router.get(
    '/console/cases/:number',
    signedIn(async (ctx, viewer) => {
      const c = await caseDetail(db, viewer, ctx.params.number!);
      if (!c) throw new AppError(404, 'not_found', `没有编号为 ${ctx.params.number} 的案件，或不在你的管辖范围内`);
      const [members, timeline] = await Promise.all([
        c.householdId ? membersOf(db, c.householdId) : [],
        timelineOf(db, c.id),
      ]);
      show(
        ctx,
        viewer,
        c.number,
        caseDetailPage(c, members, timeline, { fullIds: viewer.townshipId === null, timeZone, now: deps.now() }),
      );
    }),
  );

  router.get(
    '/console/screened',
    signedIn(async (ctx, viewer) => {
      const f = filterOf(ctx, ScreenedFilterSchema);
      const [found, places] = await Promise.all([belowThreshold(db, viewer, f), placesOf(db, viewer)]);
      show(
        ctx,
        viewer,
        '未达预警标准',
        belowThresholdPage(found, f, places, { county: viewer.townshipId === null, timeZone }),
      );
    }),
  );

  router.get(
    '/console/overdue',
    signedIn(async (ctx, viewer) => {
      const f = filterOf(ctx);
      const now = deps.now();
      const [tasks, visits, places] = await Promise.all([
        overdueTasks(db, viewer, f, now),
        overdueVisits(db, viewer, f, now),
        placesOf(db, viewer),
      ]);
      show(
        ctx,
        viewer,
        '逾期清单',
        overduePage(tasks, visits, f, places, { county: viewer.townshipId === null, now, timeZone }),
      );
    }),
  );

  const bulletinFor = async (ctx: Context, viewer: Viewer) => {
    const f = filterOf(ctx);
    const { townships } = await placesOf(db, viewer);
    const township = townships.find((t) => t.id === (viewer.townshipId ?? f.township)) ?? townships[0];
    if (!township) throw new AppError(404, 'not_found', '库中还没有乡镇');
    const now = deps.now();
    const inWeek = f.week ? new Date(`${f.week}T12:00:00Z`) : previousLocalWeek(now, timeZone).start;
    const store = { policy: deps.policy, timeZone, store: bulletinStore(db) };
    return {
      township,
      townships,
      inWeek,
      now,
      store,
      week: localDateString(localWeek(inWeek, timeZone).start, timeZone),
    };
  };
  router.get(
    '/console/compliance',
    signedIn(async (ctx, viewer) => {
      const { township, townships, inWeek, now, store, week } = await bulletinFor(ctx, viewer);
      const b = await weeklyBulletin(store, township, inWeek, now);
      const weeks = [];
      for (let k = 7; k >= 0; k--)
        weeks.push(
          k ? await weeklyBulletin(store, township, new Date(b.week.start.getTime() - k * 7 * 86_400_000), now) : b,
        );
      show(ctx, viewer, '走访合规', compliancePage(b, weeks, townships, { timeZone, week }));
    }),
  );
  router.get(
    '/console/compliance.xlsx',
    signedIn(async (ctx, viewer) => {
      const { township, inWeek, now, store, week } = await bulletinFor(ctx, viewer);
      download(
        ctx,
        `bulletin-${township.id}-${week}.xlsx`,
        await bulletinWorkbook(await weeklyBulletin(store, township, inWeek, now), timeZone, deps.policy.bulletin),
      );
    }),
  );

  // Imports change the whole county's rolls: county staff only.
  const countyOnly = (handler: (ctx: Context, viewer: Viewer) => Promise<void>) =>
    signedIn(async (ctx, viewer) => {
      if (viewer.townshipId !== null) throw new AppError(403, 'forbidden', '只有县级账号可以导入');
      await handler(ctx, viewer);
    });
  router.get(
    '/console/import',
    countyOnly(async (ctx, viewer) => show(ctx, viewer, '导入导出', importPage())),
  );
  router.post(
    '/console/import',
    countyOnly(async (ctx, viewer) => {
      const upload = await readUpload(ctx.req, 20 * 1024 * 1024);
      const kind = upload.fields.kind as ImportKind;
      if (!IMPORT_KINDS.includes(kind))
        return show(ctx, viewer, '导入导出', importPage({ error: '请选择导入内容：农户、家庭成员、干部或帮扶关系' }));
      if (!upload.file) return show(ctx, viewer, '导入导出', importPage({ error: '请选择一个 .csv 或 .xlsx 文件' }));
      // An unreadable file (not CSV or XLSX, an encoding we cannot read) gets its Chinese sentence on the
      // form; anything else is a fault and goes to the error exit (logged, masked).
      let result: Awaited<ReturnType<typeof importFile>>;
      try {
        result = await importFile(db, kind, upload.file, `console:${viewer.label}`, upload.fields.charset || undefined);
      } catch (err) {
        if (!(err instanceof AppError)) throw err;
        ctx.status = err.status;
        return show(ctx, viewer, '导入导出', importPage({ error: err.message }));
      }
      await scheduleUnscheduled(db, deps.policy, deps.now()); // new 脱贫/监测 households go on their visit plan
      show(ctx, viewer, '导入导出', importPage(result.reports.map((r) => ({ ...r, encoding: result.encoding }))));
    }),
  );

  router.get(
    '/console/import/template/:file',
    countyOnly(async (ctx) => {
      const m = /^(\w+)\.(csv|xlsx)$/.exec(ctx.params.file ?? '');
      const kind = m?.[1] as ImportKind;
      if (!m || !IMPORT_KINDS.includes(kind)) throw new AppError(404, 'not_found', '没有这种导入模板');
      ctx.attachment(`${SHEET_NAME[kind]}导入模板.${m[2]}`);
      ctx.body = m[2] === 'xlsx' ? await xlsxTemplate(kind) : csvTemplate(kind);
    }),
  );

  if (deps.caseActions) caseActionRoutes(router, { ...deps.caseActions, signedIn, show });
  if (deps.villageCodes) villageCodeRoutes(router, { ...deps.villageCodes, signedIn, show });
  if (deps.failedJobs) failedJobRoutes(router, { jobs: deps.failedJobs, timeZone, now: deps.now, signedIn, show });
}
