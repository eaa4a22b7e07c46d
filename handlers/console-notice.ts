import { noticeWorkbook } from '../src/files/notice-xlsx.js';
import { noticePage, noticePrintPage } from '../src/web/notice-page.js';
import type { ConsoleRoutes } from './console-deps.js';
import { noticeRequest } from './console-notice-request.js';

/** 村级公示: the notice of a village in the viewer's charge, on the console, as a print page and as XLSX. */
export const noticeRoutes: ConsoleRoutes = (router, deps, frame) => {
  const { signedIn, show, download } = frame;
  const register = deps.register;
  if (!register) return;
  const { read, must } = noticeRequest({ ...deps, register }, frame);
  router.get(
    '/console/register/notice',
    signedIn(async (ctx, viewer) => {
      const [{ q, n }, places] = await Promise.all([read(ctx, viewer), register.reads.registerPlaces(viewer)]);
      show(ctx, viewer, '村级公示', noticePage(places, q, n, ctx.querystring));
    }),
  );
  router.get(
    '/console/register/notice/print',
    signedIn(async (ctx, viewer) => {
      ctx.type = 'html';
      ctx.set('cache-control', 'no-store');
      ctx.body = noticePrintPage(await must(ctx, viewer));
    }),
  );
  router.get(
    '/console/register/notice.xlsx',
    signedIn(async (ctx, viewer) => download(ctx, '村级公示.xlsx', await noticeWorkbook(await must(ctx, viewer)))),
  );
};
