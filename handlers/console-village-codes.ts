import type Router from '@koa/router';
import type { ConsoleFrame } from '../src/web/console-frame.js';
import { villageCodesPage, villagePosterPage, type VillageCodeRow } from '../src/web/village-code-pages.js';
import type { VillageCode } from '../src/domain/use-cases/ensure-village-code.js';
import { AppError } from '../src/http/app-error.js';

export interface VillageCodeRoutesDeps extends Pick<ConsoleFrame, 'signedIn' | 'show'> {
  /** Villages in a township (null: the county), with their links if made. */
  list(townshipId: string | null): Promise<Array<VillageCodeRow>>;
  /** The village's link, made on first use (kf/add_contact_way). */
  ensure(villageId: string): Promise<VillageCode>;
  /** The link as a QR code (SVG) to print. */
  qrSvg(url: string): Promise<string>;
}

/** 一村一码: the list of villages in the viewer's charge, and each village's printable poster. */
export function villageCodeRoutes(
  router: Router,
  { list, ensure, qrSvg, signedIn, show }: VillageCodeRoutesDeps,
): void {
  router.get(
    '/console/village-codes',
    signedIn(async (ctx, viewer) => show(ctx, viewer, '一村一码', villageCodesPage(await list(viewer.townshipId)))),
  );
  router.get(
    '/console/village-codes/:villageId/poster',
    signedIn(async (ctx, viewer) => {
      const villageId = String(ctx.params.villageId ?? '');
      const row = (await list(viewer.townshipId)).find((r) => r.id === villageId);
      if (!row) throw new AppError(404, 'not_found', `您负责的范围里没有编号为 ${villageId} 的村。`);
      const code = await ensure(villageId);
      if (!code.ok) throw new AppError(code.reason === 'wecom' ? 502 : 409, 'no_code', code.message);
      ctx.type = 'html';
      ctx.set('cache-control', 'no-store');
      ctx.body = villagePosterPage(row, await qrSvg(code.url));
    }),
  );
}
