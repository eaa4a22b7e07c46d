import type Router from '@koa/router';
import { startPage } from '../src/web/sim-pages.js';

/** `/` sends a newcomer to the start page: the simulator (in simulator mode) and the console, with how to sign in. */
export function startPageRoutes(router: Router, { simulator }: { simulator: boolean }): void {
  router.get('/', (ctx) => ctx.redirect('/start'));
  router.get('/start', (ctx) => {
    ctx.type = 'html';
    ctx.body = startPage(simulator);
  });
}
