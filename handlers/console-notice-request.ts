import type { Context } from 'koa';
import { NoticeQuerySchema } from '../src/domain/register/register-query.js';
import { makeVillageNotice } from '../src/domain/use-cases/make-village-notice.js';
import { AppError } from '../src/http/app-error.js';
import type { ConsoleFrame } from '../src/web/console-frame.js';
import type { Viewer } from '../src/web/viewers.js';
import type { ConsoleDeps } from './console-deps.js';

/** Reads a 村级公示 request and makes the notice: the village must be in the viewer's charge. */
export function noticeRequest(
  deps: ConsoleDeps & { register: NonNullable<ConsoleDeps['register']> },
  frame: ConsoleFrame,
) {
  const { reads, noticeDays } = deps.register;
  const read = async (ctx: Context, viewer: Viewer) => {
    const q = frame.query(ctx, NoticeQuerySchema);
    const use = { register: reads, timeZone: deps.timeZone, noticeDays };
    const n = q.village ? await makeVillageNotice(use, viewer, { ...q, village: q.village }, deps.now()) : null;
    if (q.village && !n) throw new AppError(404, 'not_found', `您负责的范围里没有编号为 ${q.village} 的村。`);
    return { q, n };
  };
  /** The notice, or 400 when no village was chosen (print and XLSX need one). */
  const must = async (ctx: Context, viewer: Viewer) =>
    (await read(ctx, viewer)).n ?? Promise.reject(new AppError(400, 'no_village', '请先选择村。'));
  return { read, must };
}
