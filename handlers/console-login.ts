import type Router from '@koa/router';
import type { LoginGuard } from '../src/domain/ports/console.js';
import { readRawBody } from '../src/http/read-body.js';
import { loginAnswer, signInCookie } from '../src/web/login-page.js';
import { CONSOLE_COOKIE, type ConsoleViewers } from '../src/web/viewers.js';

export interface ConsoleLoginDeps {
  viewers: ConsoleViewers;
  /** Absent (tests of other pages), sign-in is not limited. */
  guard?: LoginGuard;
}

/** Sign in with a token (kept in an httpOnly cookie) and out; wrong tokens are limited per address and prefix. */
export function consoleLoginRoutes(router: Router, { viewers, guard }: ConsoleLoginDeps): void {
  router.get('/console/login', (ctx) => loginAnswer(ctx, 200));
  router.post('/console/login', async (ctx) => {
    const token = new URLSearchParams(await readRawBody(ctx.req, 4096)).get('token')?.trim() ?? '';
    // The counts live in Redis: without them a guess could not be counted, so nobody signs in just now.
    const verdict = await Promise.resolve(guard?.check(ctx.ip, token) ?? { ok: true as const }).catch(() => null);
    if (!verdict) return loginAnswer(ctx, 503, '暂时无法登录（登录次数记录不可用），请您稍后再试。', 30);
    if (!verdict.ok) {
      const minutes = Math.ceil(verdict.retryAfterS / 60);
      return loginAnswer(ctx, 429, `登录失败次数过多，已暂时锁定。请您在 ${minutes} 分钟后再试。`, verdict.retryAfterS);
    }
    const viewer = await viewers.byToken(token);
    if (!viewer) {
      await guard?.failed(ctx.ip, token);
      return loginAnswer(ctx, 401, '令牌无效，请核对后重试。');
    }
    await guard?.succeeded(ctx.ip, token, viewer.label);
    ctx.cookies.set(CONSOLE_COOKIE, token, signInCookie(ctx.secure));
    ctx.redirect('/console/cases');
  });
  router.post('/console/logout', (ctx) => {
    ctx.cookies.set(CONSOLE_COOKIE, null);
    ctx.redirect('/console/login');
  });
}
