import { randomBytes } from 'node:crypto';
import type { KfMessage } from '../../domain/ports/wecom.js';
import type { SentMessage } from '../../domain/ports/simulator.js';

/** What the kf entry side needs from the rest of the fake. */
interface Host {
  now(): number;
  keepSent(m: SentMessage): void;
  keepKf(msg: KfMessage): void;
  keepLink(url: string, openKfid: string, scene: string): void;
}

const SCENE_RE = /^[0-9a-zA-Z_-]{1,32}$/;
/** A welcome code lasts 20 seconds and is used once (kf/send_msg_on_event). */
const WELCOME_TTL_MS = 20_000;

/**
 * 微信客服 entry links with a scene (一村一码): kf/add_contact_way makes a link, opening it puts an
 * enter_session event (origin 4) with a welcome code into sync_msg, and kf/send_msg_on_event answers it.
 */
export class FakeKfEntry {
  private links = new Map<string, { openKfid: string; scene: string }>(); // url -> what it was made for
  private codes = new Map<string, { externalUserid: string; expiresAt: number }>();

  constructor(private readonly host: Host) {}

  /** A link made before a restart (the journal keeps them: printed posters carry them). */
  restoreLink(url: string, openKfid: string, scene: string): void {
    this.links.set(url, { openKfid, scene });
  }

  reset(): void {
    this.links.clear();
    this.codes.clear();
  }

  addContactWay(body: Record<string, unknown>): Record<string, unknown> {
    const openKfid = typeof body.open_kfid === 'string' ? body.open_kfid : '';
    const scene = body.scene === undefined ? '' : String(body.scene);
    if (!openKfid) return { errcode: 40035, errmsg: 'invalid args: open_kfid required' };
    if (scene && !SCENE_RE.test(scene)) return { errcode: 40035, errmsg: 'invalid scene' };
    const url = `https://work.weixin.qq.com/kfid/kfc${randomBytes(8).toString('hex')}${scene ? `?enc_scene=${randomBytes(6).toString('hex')}` : ''}`;
    this.links.set(url, { openKfid, scene });
    this.host.keepLink(url, openKfid, scene);
    return { errcode: 0, errmsg: 'ok', url };
  }

  /**
   * A WeChat user opens a link (scanning its QR code); `scene_param` is what a poster may append.
   * Null for a link we never made or one whose parameters were changed (WeCom sends no event then).
   */
  enterSession(externalUserid: string, url: string, sceneParam?: string): KfMessage | null {
    const link = this.links.get(url.split('&scene_param=')[0]!);
    if (!link) return null;
    const welcome_code = randomBytes(12).toString('hex');
    this.codes.set(welcome_code, { externalUserid, expiresAt: this.host.now() + WELCOME_TTL_MS });
    const msg: KfMessage = {
      msgid: randomBytes(10).toString('hex'),
      send_time: Math.floor(this.host.now() / 1000),
      origin: 4,
      msgtype: 'event',
      event: {
        event_type: 'enter_session',
        open_kfid: link.openKfid,
        external_userid: externalUserid,
        scene: link.scene,
        scene_param: sceneParam ?? '',
        welcome_code,
      },
    };
    this.host.keepKf(msg);
    return msg;
  }

  sendMsgOnEvent(body: Record<string, unknown>): Record<string, unknown> {
    const code = String(body.code ?? '');
    const entry = this.codes.get(code);
    // UNCONFIRMED which errcode WeCom gives for a used or expired code; any refusal is final for the caller.
    if (!entry || entry.expiresAt <= this.host.now()) return { errcode: 95018, errmsg: 'invalid welcome code' };
    this.codes.delete(code);
    const msgid = typeof body.msgid === 'string' ? body.msgid : randomBytes(10).toString('hex');
    this.host.keepSent({
      at: this.host.now(),
      api: 'kf/send_msg_on_event',
      to: entry.externalUserid,
      body,
      msgid,
      dropped: false,
    });
    return { errcode: 0, errmsg: 'ok', msgid };
  }
}
