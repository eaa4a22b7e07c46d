import { villageScene } from '../chat/village-entry.js';
import type { KfContactWays, VillageEntryStore, VillageRef } from '../ports/village-entry.js';

export interface EnsureVillageCodeDeps {
  store: VillageEntryStore;
  kf: KfContactWays;
  /** The 微信客服 account the posters point to; unset, no link can be made. */
  openKfid: string | undefined;
}

export type VillageCode =
  | { ok: true; village: VillageRef; url: string }
  | { ok: false; reason: 'no_village' | 'no_account' | 'wecom'; message: string };

/**
 * A village's 微信客服 link (一村一码), made once with kf/add_contact_way (scene = the village's code)
 * and kept: the printed posters must go on working, so a link is never remade.
 */
export async function ensureVillageCode(
  deps: EnsureVillageCodeDeps,
  villageId: string,
  now: Date,
): Promise<VillageCode> {
  const village = await deps.store.village(villageId);
  if (!village) return { ok: false, reason: 'no_village', message: `没有编号为 ${villageId} 的村。` };
  const stored = await deps.store.code(villageId);
  if (stored) return { ok: true, village, url: stored.url };
  if (!deps.openKfid)
    return { ok: false, reason: 'no_account', message: '还没有配置微信客服账号（WECOM_KF_OPEN_KFID），不能生成村码。' };
  const scene = villageScene(villageId);
  const made = await deps.kf.kfAddContactWay(deps.openKfid, scene);
  if (!made.ok)
    return { ok: false, reason: 'wecom', message: `企业微信未能生成链接（${made.error.message}），请稍后再试。` };
  await deps.store.saveCode({ villageId, scene, openKfid: deps.openKfid, url: made.url }, now);
  const kept = await deps.store.code(villageId);
  return { ok: true, village, url: kept?.url ?? made.url };
}
