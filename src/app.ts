import Router from '@koa/router';
import Koa from 'koa';
import { healthRoutes, type HealthDeps } from '../handlers/health.js';
import { errorMiddleware } from './http/error-middleware.js';
import type { Logger } from './logger.js';

export interface AppDeps extends HealthDeps {
  logger: Logger;
  /** Extra route groups mounted by later features (WeCom callback, alerts API, console). */
  routes?: Array<(router: Router) => void>;
  /** Wraps every request, outside the error handling, so it sees final statuses (metrics). */
  outer?: Koa.Middleware[];
  /** Whole sub-apps that bring their own routing (Bull Board), run before the router. */
  middleware?: Koa.Middleware[];
}

/** Composes middleware and mounts routes; nothing else. */
export function createApp(deps: AppDeps): Koa {
  const app = new Koa();
  app.proxy = true;
  const router = new Router();
  healthRoutes(router, deps);
  for (const mount of deps.routes ?? []) mount(router);
  for (const m of deps.outer ?? []) app.use(m);
  app.use(errorMiddleware(deps.logger));
  for (const m of deps.middleware ?? []) app.use(m);
  app.use(router.routes());
  app.use(router.allowedMethods());
  app.on('error', () => undefined); // errors are logged once, by errorMiddleware
  return app;
}
