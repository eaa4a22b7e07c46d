import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { KoaAdapter } from '@bull-board/koa';
import type { Context, Middleware } from 'koa';
import type { Queues } from '../queue/queues.js';

export const QUEUE_BOARD_PATH = '/console/queues';

/** Bull Board under /console/queues, for county staff only (others are sent to sign in). */
export function queueBoard(queues: Queues, isCounty: (ctx: Context) => Promise<boolean>): Middleware {
  const adapter = new KoaAdapter();
  adapter.setBasePath(QUEUE_BOARD_PATH);
  createBullBoard({
    queues: Object.values(queues).map((q) => new BullMQAdapter(q, { readOnlyMode: false })),
    serverAdapter: adapter,
    // The board is a page of its own (no console top bar): its header carries the way back.
    options: {
      uiConfig: {
        boardTitle: '守望 队列',
        hideDocsLink: true,
        miscLinks: [{ text: '返回控制台', url: '/console/cases' }],
      },
    },
  });
  const board = adapter.registerPlugin();
  return async (ctx, next) => {
    if (ctx.path !== QUEUE_BOARD_PATH && !ctx.path.startsWith(`${QUEUE_BOARD_PATH}/`)) return next();
    if (!(await isCounty(ctx))) return ctx.redirect('/console/login');
    return board(ctx, next);
  };
}
