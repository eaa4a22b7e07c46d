import type { Context } from 'koa';
import { AppError } from '../http/app-error.js';
import { readRawBody } from '../http/read-body.js';
import { html, page, type Raw } from './html.js';
import type { ConsoleViewers, Viewer } from './viewers.js';

/** A parser of the shape zod's schemas have: the console's queries live in src/domain/console/. */
interface Parser<T> {
  safeParse(
    v: unknown,
  ):
    | { success: true; data: T }
    | { success: false; error: { issues: Array<{ message: string; path: PropertyKey[] }> } };
}
type Handler = (ctx: Context, viewer: Viewer) => Promise<void>;

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const parse = <T>(schema: Parser<T>, value: unknown, what: string): T => {
  const parsed = schema.safeParse(value);
  if (!parsed.success)
    throw new AppError(
      400,
      'bad_input',
      `${what}有误：${parsed.error.issues.map((i) => `${i.path.map(String).join('.')} ${i.message}`.trim()).join('；')}`,
    );
  return parsed.data;
};

/**
 * What every console handler shares: sign-in (a browser without a viewer is sent to sign in), the page
 * frame, downloads, and one error exit that shows a clear error (bad filter, not in your charge, county
 * only) as a page with the way back.
 */
export function consoleFrame(viewers: ConsoleViewers) {
  const show = (ctx: Context, viewer: Viewer, title: string, body: Raw) => {
    ctx.type = 'html';
    ctx.set('cache-control', 'no-store');
    ctx.body = page(title, body, { path: ctx.path, viewer: viewer.label, county: viewer.townshipId === null });
  };
  const signedIn =
    (handler: Handler) =>
    async (ctx: Context): Promise<void> => {
      const viewer = await viewers.ofRequest(ctx);
      if (!viewer) return ctx.redirect('/console/login');
      try {
        await handler(ctx, viewer);
      } catch (err) {
        if (!(err instanceof AppError)) throw err;
        ctx.status = err.status;
        const back = html`<p><a href="/console/cases">返回案件列表</a></p>`;
        show(ctx, viewer, '出错了', html`<h1>出错了</h1><p class="error">${err.message}</p>${back}`);
      }
    };
  return {
    show,
    signedIn,
    /** Imports and queues change or show the whole county: county staff only. */
    countyOnly: (handler: Handler) =>
      signedIn(async (ctx, viewer) => {
        if (viewer.townshipId !== null) throw new AppError(403, 'forbidden', '只有县级账号可以使用此功能。');
        await handler(ctx, viewer);
      }),
    download(ctx: Context, name: string, body: Buffer | string, type = XLSX) {
      ctx.type = type;
      ctx.attachment(name);
      ctx.body = body;
    },
    query: <T>(ctx: Context, schema: Parser<T>): T => parse(schema, ctx.query, '筛选条件'),
    /** A posted form; the fields named in `lists` (repeated checkboxes) come as arrays of every value. */
    form: async <T>(ctx: Context, schema: Parser<T>, lists: readonly string[] = []): Promise<T> => {
      const params = new URLSearchParams(await readRawBody(ctx.req, 8192));
      const fields: Record<string, string | string[]> = Object.fromEntries(params);
      for (const name of lists) fields[name] = params.getAll(name);
      return parse(schema, fields, '填写的内容');
    },
    param: <T>(schema: Parser<T>, value: unknown): T => parse(schema, value, '地址'),
  };
}

export type ConsoleFrame = ReturnType<typeof consoleFrame>;
