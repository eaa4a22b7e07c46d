import { GREETING } from './villager-dialog.js';

const SCENE_RE = /^[0-9a-zA-Z_-]{1,30}$/;

/**
 * A village's 微信客服 scene: WeCom allows at most 32 of [0-9a-zA-Z_-], so an id that fits is used as it
 * is (after "v"), and any other (a Chinese or long id) by a short hash of it. Stored with the village.
 */
export function villageScene(villageId: string): string {
  return SCENE_RE.test(villageId) ? `v${villageId}` : `h${fnv1a(villageId, 0x811c9dc5)}${fnv1a(villageId, 0x01000193)}`;
}

/** 32-bit FNV-1a of the text's UTF-16 units, as 8 hex digits (a stable, short name; not a secret). */
function fnv1a(text: string, seed: number): string {
  let h = seed >>> 0;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h.toString(16).padStart(8, '0');
}

/** The first message of a villager who scanned a village's code (kf/send_msg_on_event). */
export function welcomeText(villageName: string | null): string {
  return villageName ? `${villageName}的乡亲您好！${GREETING.replace(/^您好，/, '')}` : GREETING;
}

/** The three lines on a village's poster: what to report and how. */
export const POSTER_LINES = [
  '家里有人生病住院、遭了灾、出了意外，花销大、收入少了，扫码告诉我们。',
  '孩子没上学、房子不安全、吃水难、该享受的补助没拿到，也可以扫码反映。',
  '写清姓名和家里的情况，干部会尽快联系您；也可拨打 12317 热线。',
] as const;
