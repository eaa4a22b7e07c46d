import { welcomeText } from '../chat/village-entry.js';
import type { VillageEntryStore } from '../ports/village-entry.js';
import type { KfMessage } from '../ports/wecom.js';

export interface EnterVillageSessionDeps {
  store: VillageEntryStore;
  /** Queues the welcome through kf/send_msg_on_event (its code lasts 20 seconds). */
  welcome(externalUserid: string, code: string, content: string, key: string): Promise<void>;
  now(): Date;
}

/**
 * A villager opened a 微信客服 link: the village of its scene (or, failing that, the one scene_param
 * names) is put into their dialog, so a name alone is matched within that village, and they are welcomed.
 */
export async function enterVillageSession(deps: EnterVillageSessionDeps, msg: KfMessage): Promise<string> {
  const ev = msg.event ?? {};
  const user = String(ev.external_userid ?? msg.external_userid ?? '');
  const openKfid = String(ev.open_kfid ?? msg.open_kfid ?? '');
  if (!user || ev.event_type !== 'enter_session') return 'ignore';
  const scene = typeof ev.scene === 'string' ? ev.scene : '';
  const param = typeof ev.scene_param === 'string' ? ev.scene_param.trim() : '';
  const village =
    (scene ? await deps.store.villageOfScene(scene) : null) ?? (param ? await deps.store.findVillage(param) : null);
  if (village) await deps.store.prefillVillage(user, openKfid, village, deps.now());
  const code = typeof ev.welcome_code === 'string' ? ev.welcome_code : '';
  if (code) await deps.welcome(user, code, welcomeText(village?.name ?? null), msg.msgid);
  return village ? 'entered-village' : 'entered';
}
