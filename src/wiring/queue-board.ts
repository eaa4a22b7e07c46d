import type { Context, Middleware } from 'koa';
import type { Queues } from '../queue/queues.js';

export const QUEUE_BOARD_PATH = '/console/queues';

/** Bull Board's Koa plugin over the queues (its packages, ~20 MB, are loaded on the board's first visit). */
async function boardPlugin(queues: Queues): Promise<Middleware> {
  const [{ createBullBoard }, { BullMQAdapter }, { KoaAdapter }] = await Promise.all([
    import('@bull-board/api'),
    import('@bull-board/api/bullMQAdapter'),
    import('@bull-board/koa'),
  ]);
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
  return adapter.registerPlugin();
}

/** Bull Board under /console/queues, for county staff only (others are sent to sign in). */
export function queueBoard(queues: Queues, isCounty: (ctx: Context) => Promise<boolean>): Middleware {
  let board: Promise<Middleware> | undefined;
  return async (ctx, next) => {
    if (ctx.path !== QUEUE_BOARD_PATH && !ctx.path.startsWith(`${QUEUE_BOARD_PATH}/`)) return next();
    if (!(await isCounty(ctx))) return ctx.redirect('/console/login');
    board ??= boardPlugin(queues).catch((err) => {
      board = undefined; // try again on the next visit
      throw err;
    });
    return (await board)(ctx, next);
  };
}
