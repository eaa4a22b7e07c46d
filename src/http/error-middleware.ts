import type { Middleware } from 'koa';
import type { Logger } from '../logger.js';
import { AppError } from './app-error.js';

/** The one error exit for HTTP: AppErrors and Koa's exposed errors keep their message, others become 500. */
export function errorMiddleware(logger: Logger): Middleware {
  return async (ctx, next) => {
    try {
      await next();
    } catch (err) {
      const e = err as { status?: number; statusCode?: number; expose?: boolean; message?: string; type?: string };
      if (err instanceof AppError) {
        ctx.status = err.status;
        ctx.body = { error: err.code, message: err.message };
        return;
      }
      const status = e.status ?? e.statusCode ?? 500;
      ctx.status = status;
      if (status >= 500) logger.error({ err, path: ctx.path }, 'request failed');
      ctx.body = {
        error: status === 413 ? 'too_large' : status >= 500 ? 'internal' : 'bad_request',
        message: e.expose || status < 500 ? (e.message ?? '请求有误') : '服务器内部错误',
      };
    }
  };
}
