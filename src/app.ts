import Router from '@koa/router';
import Koa from 'koa';
import { healthRoutes, type HealthDeps } from '../handlers/health.js';
import { errorMiddleware } from './http/error-middleware.js';
import type { Logger } from './logger.js';

export interface AppDeps extends HealthDeps {
  logger: Logger;
  /** Extra route groups mounted by later features (WeCom callback, alerts API, console). */
  routes?: Array<(router: Router) => void>;
}

/** Composes middleware and mounts routes; nothing else. */
export function createApp(deps: AppDeps): Koa {
  const app = new Koa();
  app.proxy = true;
  const router = new Router();
  healthRoutes(router, deps);
  for (const mount of deps.routes ?? []) mount(router);
  app.use(errorMiddleware(deps.logger));
  app.use(router.routes());
  app.use(router.allowedMethods());
  app.on('error', () => undefined); // errors are logged once, by errorMiddleware
  return app;
}
