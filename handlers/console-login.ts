import type Router from '@koa/router';
import { page } from '../src/web/html.js';
import type { LoginGuard, LoginVerdict } from '../src/wiring/login-guard.js';
import { CONSOLE_COOKIE, type ConsoleViewers } from '../src/web/viewers.js';
import { loginPage } from '../src/web/work-pages.js';
import { readRawBody } from '../src/http/read-body.js';

export interface ConsoleLoginDeps {
  viewers: ConsoleViewers;
  /** Absent (tests of other pages), sign-in is not limited. */
  guard?: LoginGuard;
}

/** Sign in with a token (kept in an httpOnly cookie) and out; wrong tokens are limited per address and prefix. */
export function consoleLoginRoutes(router: Router, { viewers, guard }: ConsoleLoginDeps): void {
  router.get('/console/login', (ctx) => {
    ctx.type = 'html';
    ctx.body = page('登录', loginPage());
  });
  router.post('/console/login', async (ctx) => {
    const token = new URLSearchParams(await readRawBody(ctx.req, 4096)).get('token')?.trim() ?? '';
    ctx.type = 'html';
    let verdict: LoginVerdict;
    try {
      verdict = (await guard?.check(ctx.ip, token)) ?? { ok: true };
    } catch {
      // The counts live in Redis: without them a guess could not be counted, so nobody signs in just now.
      ctx.status = 503;
      ctx.set('retry-after', '30');
      ctx.body = page('登录', loginPage('暂时无法登录（登录次数记录不可用），请您稍后再试。'));
      return;
    }
    if (!verdict.ok) {
      ctx.status = 429;
      ctx.set('retry-after', String(verdict.retryAfterS));
      const minutes = Math.ceil(verdict.retryAfterS / 60);
      ctx.body = page('登录', loginPage(`登录失败次数过多，已暂时锁定。请您在 ${minutes} 分钟后再试。`));
      return;
    }
    const viewer = await viewers.byToken(token);
    if (!viewer) {
      await guard?.failed(ctx.ip, token);
      ctx.status = 401;
      ctx.body = page('登录', loginPage('令牌无效，请核对后重试。'));
      return;
    }
    await guard?.succeeded(ctx.ip, token, viewer.label);
    ctx.cookies.set(CONSOLE_COOKIE, token, {
      httpOnly: true,
      sameSite: 'strict',
      secure: ctx.secure,
      maxAge: 12 * 3600_000,
    });
    ctx.redirect('/console/cases');
  });
  router.post('/console/logout', (ctx) => {
    ctx.cookies.set(CONSOLE_COOKIE, null);
    ctx.redirect('/console/login');
  });
}
