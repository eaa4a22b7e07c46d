import Router from '@koa/router';

type Dispatch = ReturnType<Router['routes']>;

/**
 * Routes under `prefix` whose code loads on the first request there: `load` resolves to what mounts them
 * on a router of their own, which then serves every request under the prefix (its route patterns are
 * what /metrics counts). A load that fails is tried again next time.
 */
export function lazyRoutes(router: Router, prefix: string, load: () => Promise<(router: Router) => void>): void {
  let routes: Promise<Dispatch> | undefined;
  const mounted = async (): Promise<Dispatch> => {
    const mount = await load();
    const sub = new Router();
    mount(sub);
    const dispatch = sub.routes();
    return (ctx, next) => {
      // As if these routes were the outer router's: its allowedMethods answers 405 from the routes matched
      // here, and a path none matches is counted as unmatched, not as the catch-all.
      Object.assign(ctx, { matched: undefined, _matchedRoute: undefined });
      return dispatch(ctx, next);
    };
  };
  router.all([prefix, `${prefix}/{*rest}`], async (ctx, next) => {
    routes ??= mounted().catch((err) => {
      routes = undefined;
      throw err;
    });
    return (await routes)(ctx, next);
  });
}
