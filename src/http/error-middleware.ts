import type { Middleware } from 'koa';
import type { Logger } from '../logger.js';
import { AppError } from './app-error.js';
import { DatabaseUnavailableError } from '../domain/ports/errors.js';

/** What a client is told to wait while the database is away: a restart or failover takes seconds. */
const DB_RETRY_AFTER_S = 10;

/**
 * The one error exit for HTTP: AppErrors and Koa's exposed errors keep their message; the database being
 * away is 503 with Retry-After (nothing is wrong with the request, and a retry is safe: every write is
 * keyed, so what was stored before the outage is counted as a duplicate); anything else is 500.
 */
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
      if (err instanceof DatabaseUnavailableError) {
        logger.warn({ path: ctx.path, err: err.message }, 'database unavailable');
        ctx.status = 503;
        ctx.set('Retry-After', String(DB_RETRY_AFTER_S));
        ctx.body = {
          error: 'database_unavailable',
          message: `数据库暂时不可用，您的请求没有办理完。请您在 ${DB_RETRY_AFTER_S} 秒后重试，已收到的内容不会重复登记。`,
        };
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
