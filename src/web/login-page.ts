import type { Context } from 'koa';
import { html, page, type Raw } from './html.js';

export function loginPage(error?: string): Raw {
  return html`<h1>登录</h1><div class="card" style="max-width:420px"><form method="post" action="/console/login">
<label>令牌（县级用 ADMIN_TOKEN，乡镇用本乡镇令牌）<input type="password" name="token" autocomplete="current-password" required></label>
<p><button>登录</button></p></form>${error ? html`<p class="error">${error}</p>` : ''}</div>`;
}

/** The sign-in page with a status and, when sign-in is refused for a while, Retry-After. */
export function loginAnswer(ctx: Context, status: number, error?: string, retryAfterS?: number): void {
  ctx.status = status;
  if (retryAfterS !== undefined) ctx.set('retry-after', String(retryAfterS));
  ctx.type = 'html';
  ctx.body = page('登录', loginPage(error));
}

/** The sign-in cookie: httpOnly, same-site only, 12 hours. */
export const signInCookie = (secure: boolean) => ({
  httpOnly: true,
  sameSite: 'strict' as const,
  secure,
  maxAge: 12 * 3600_000,
});
