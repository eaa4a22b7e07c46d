import { randomBytes } from 'node:crypto';
import { sealMessage, type CallbackKeys } from '../callback-crypto.js';
import { buildWecomXml } from '../xml.js';
import type { FakeWecomState } from './fake-wecom-state.js';

export interface CallbackResult {
  status: number;
  body: string;
}

/** WeCom's sending side: builds correctly encrypted and signed callbacks and POSTs them to the app. */
export class CallbackSender {
  private msgSeq = BigInt(Date.now()) * 1000n;

  constructor(
    private readonly keys: CallbackKeys & { url: string },
    private readonly state: FakeWecomState,
  ) {}

  /** Encrypted envelope + signed query for a plaintext callback XML. */
  seal(plainXml: string, timestamp = Math.floor(this.state.now() / 1000)) {
    const s = sealMessage(this.keys, plainXml, String(timestamp));
    const body = buildWecomXml({
      ToUserName: this.keys.corpId,
      Encrypt: s.encrypted,
      AgentID: String(this.state.o.agentId),
    });
    const query = new URLSearchParams({ msg_signature: s.msg_signature, timestamp: s.timestamp, nonce: s.nonce });
    return { body, query: query.toString() };
  }

  async post(plainXml: string): Promise<CallbackResult> {
    const { body, query } = this.seal(plainXml);
    return this.postSealed(body, query);
  }

  async postSealed(body: string, query: string): Promise<CallbackResult> {
    const res = await fetch(`${this.keys.url}?${query}`, {
      method: 'POST',
      headers: { 'content-type': 'text/xml' },
      body,
    });
    return { status: res.status, body: await res.text() };
  }

  textXml(userid: string, content: string): string {
    return buildWecomXml({
      ToUserName: this.keys.corpId,
      FromUserName: userid,
      CreateTime: this.createTime(),
      MsgType: 'text',
      Content: content,
      MsgId: String(this.msgSeq++),
      AgentID: this.state.o.agentId,
    });
  }

  /** A button press on a card, with a fresh single-use ResponseCode as WeCom issues. */
  pressXml(userid: string, taskId: string, key: string): string {
    return buildWecomXml({
      ToUserName: this.keys.corpId,
      FromUserName: userid,
      CreateTime: this.createTime(),
      MsgType: 'event',
      Event: 'template_card_event',
      EventKey: key,
      TaskId: taskId,
      CardType: 'button_interaction',
      ResponseCode: this.state.issueResponseCode(userid),
      AgentID: this.state.o.agentId,
    });
  }

  kfEventXml(openKfid: string): string {
    return buildWecomXml({
      ToUserName: this.keys.corpId,
      CreateTime: this.createTime(),
      MsgType: 'event',
      Event: 'kf_msg_or_event',
      Token: randomBytes(8).toString('hex'),
      OpenKfId: openKfid,
    });
  }

  text(userid: string, content: string) {
    return this.post(this.textXml(userid, content));
  }

  press(userid: string, taskId: string, key: string) {
    return this.post(this.pressXml(userid, taskId, key));
  }

  /** A WeChat user writes to the kf account: the message waits in sync_msg and the app is told to pull. */
  async villagerSays(externalUserid: string, openKfid: string, content: string) {
    this.state.addKfMessage(externalUserid, openKfid, content);
    await this.state.flush(); // kept before the app is told to pull it
    return this.post(this.kfEventXml(openKfid));
  }

  /** A WeChat user opens a 微信客服 link (scans a village's QR code): an enter_session event, then the pull signal. */
  async villagerScans(externalUserid: string, url: string, sceneParam?: string) {
    const event = this.state.kf.enterSession(externalUserid, url, sceneParam);
    if (!event) return { status: 404, body: 'unknown link' };
    await this.state.flush();
    return this.post(this.kfEventXml(String(event.event!.open_kfid)));
  }

  private createTime(): string {
    return String(Math.floor(this.state.now() / 1000));
  }
}
