import type { Middleware } from 'koa';
import { html, page } from './html.js';

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

const originOf = (url: string | undefined) => {
  try {
    return url ? new URL(url).origin : undefined;
  } catch {
    return undefined;
  }
};

/**
 * Cross-site request forgery guard for the console (forms and Bull Board's actions): a request that could
 * change something must carry an Origin, or failing that a Referer, of this very site. SameSite cookies
 * alone leave older browsers and same-site subdomains open; browsers send Origin on every form POST.
 */
export function sameOriginOnly(pathPrefix: string): Middleware {
  return async (ctx, next) => {
    if (SAFE.has(ctx.method) || !ctx.path.startsWith(pathPrefix)) return next();
    const from = ctx.get('origin') ? originOf(ctx.get('origin')) : originOf(ctx.get('referer'));
    // Not ctx.origin: in Koa 3 that is the request's Origin header, not this site.
    if (from !== undefined && from === `${ctx.protocol}://${ctx.host}`) return next();
    ctx.status = 403;
    ctx.type = 'html';
    ctx.body = page(
      '请求被拒绝',
      html`<h1>请求被拒绝</h1><p class="error">这次提交不是从本控制台的页面发出的（来源检查未通过），没有做任何更改。请您从控制台页面提交。</p><p><a href="/console/cases">返回控制台</a></p>`,
    );
  };
}
