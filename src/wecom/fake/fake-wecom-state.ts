import { randomBytes } from 'node:crypto';
import { FakeKfEntry } from './fake-kf-entry.js';
import { FakeMedia } from './fake-media.js';
import type { SentMessage, SimJournal, SimRecord } from '../../domain/ports/simulator.js';
import type { KfMessage } from '../../domain/ports/wecom.js';

export type { SentMessage } from '../../domain/ports/simulator.js';

/**
 * Injected failures: the next `count` calls (to `api`, or any) fail this way; with `untilMs` (epoch ms),
 * every call until then does (an outage of a given length; `count` is then ignored).
 */
export type Fault = (
  | { kind: 'http'; status: number }
  | { kind: 'errcode'; errcode: number; errmsg?: string }
  | { kind: 'delay'; ms: number }
) & { count: number; api?: string; untilMs?: number };

export interface FakeWecomOptions {
  corpId: string;
  agentId: number;
  secret: string;
  kfSecret?: string;
  tokenTtlSeconds?: number;
  /** The members the app may message; unset, everyone is. */
  members?: string[];
  now?: () => number;
  /**
   * Where the fake keeps what it received and sent (the simulator's store), so that a restart loses
   * nothing: sync_msg numbers its messages from the first ever, as the app's stored kf cursor does.
   */
  journal?: SimJournal;
}

const ERR = {
  invalidToken: { errcode: 40014, errmsg: 'invalid access_token' },
  expiredToken: { errcode: 42001, errmsg: 'access_token expired' },
  badSecret: { errcode: 40001, errmsg: 'invalid credential' },
  badCorp: { errcode: 40013, errmsg: 'invalid corpid' },
} as const;

/** Everything the fake WeCom remembers; the HTTP layer only maps requests onto it. */
export class FakeWecomState {
  readonly sent: SentMessage[] = [];
  readonly kfInbound: KfMessage[] = [];
  readonly stats = { gettoken: 0, calls: 0 };
  faults: Fault[] = [];
  /** The members the app may message (its visible range); null: everyone. */
  members: Set<string> | null;
  private tokens = new Map<string, { secret: string; expiresAt: number }>();
  private cards = new Map<string, string>(); // response_code -> userid (single use)
  private kfWindow = new Map<string, number>(); // external_userid -> replies since the customer last wrote
  readonly now: () => number;
  /** Entry links with a scene and their welcome messages (一村一码). */
  readonly kf = new FakeKfEntry(this);
  /** Temporary files (media/upload) that file messages send. */
  readonly media: FakeMedia;
  /** Records not yet in the journal (kept in order; a failed write is tried again with the next). */
  private pending: SimRecord[] = [];
  private writing: Promise<void> = Promise.resolve();
  /** kf messages not yet written (pending or being written): sync_msg does not list them yet. */
  private kfUnwritten = 0;

  constructor(readonly o: FakeWecomOptions) {
    this.now = o.now ?? Date.now;
    this.media = new FakeMedia(this.now);
    this.members = o.members ? new Set(o.members) : null;
  }

  /** Takes back what the journal kept: the messages sync_msg lists, what was sent, the reply windows. */
  restore(records: SimRecord[]): void {
    for (const r of records) {
      if (r.kind === 'kf_inbound') {
        this.kfInbound.push(r.message);
        if (r.message.origin === 3 && r.message.external_userid) this.kfWindow.set(r.message.external_userid, 0);
      } else if (r.kind === 'kf_link') this.kf.restoreLink(r.url, r.openKfid, r.scene);
      else if (r.kind === 'sent') {
        this.sent.push(r.sent);
        const used = this.kfWindow.get(r.sent.to);
        if (r.sent.api === 'kf/send_msg' && used !== undefined) this.kfWindow.set(r.sent.to, used + 1);
      }
    }
  }

  /** A message in the kf account's list (sync_msg), journaled. */
  keepKf(msg: KfMessage): void {
    this.kfInbound.push(msg);
    const party = msg.external_userid ?? String(msg.event?.external_userid ?? '');
    if (!this.o.journal) return;
    this.pending.push({ kind: 'kf_inbound', at: this.now(), party, message: msg });
    this.kfUnwritten++;
  }

  /** A 微信客服 link the app made (kf/add_contact_way), journaled. */
  keepLink(url: string, openKfid: string, scene: string): void {
    if (this.o.journal) this.pending.push({ kind: 'kf_link', at: this.now(), party: '', url, openKfid, scene });
  }

  /** A message the app sent, journaled. */
  keepSent(m: SentMessage): void {
    this.sent.push(m);
    if (this.o.journal) this.pending.push({ kind: 'sent', at: m.at, party: m.to, sent: m });
  }

  /**
   * Writes what is pending to the journal, in order. A write that fails (the store is away) leaves the
   * records pending for the next flush: WeCom does not fail because our database does.
   */
  flush(): Promise<void> {
    const journal = this.o.journal;
    if (!journal) return Promise.resolve();
    this.writing = this.writing.then(async () => {
      const batch = this.pending.splice(0);
      if (!batch.length) return;
      try {
        await journal.append(batch);
        this.kfUnwritten = Math.max(0, this.kfUnwritten - batch.filter((r) => r.kind === 'kf_inbound').length);
      } catch {
        this.pending.unshift(...batch);
      }
    });
    return this.writing;
  }

  reset(): void {
    this.pending.length = 0;
    this.kfUnwritten = 0;
    this.sent.length = 0;
    this.kfInbound.length = 0;
    this.faults = [];
    this.stats.gettoken = 0;
    this.stats.calls = 0;
    this.tokens.clear();
    this.cards.clear();
    this.kfWindow.clear();
    this.kf.reset();
    this.media.reset();
  }

  /** The fault that applies to this call, if any (consumed). */
  takeFault(api: string): Fault | undefined {
    const now = this.now();
    this.faults = this.faults.filter((f) => f.untilMs === undefined || f.untilMs > now);
    const i = this.faults.findIndex((f) => (f.untilMs !== undefined || f.count > 0) && (!f.api || f.api === api));
    if (i < 0) return undefined;
    const f = this.faults[i]!;
    if (f.untilMs !== undefined) return f;
    f.count--;
    if (f.count === 0) this.faults.splice(i, 1);
    return f;
  }

  getToken(corpid: string, secret: string): Record<string, unknown> {
    this.stats.gettoken++;
    if (corpid !== this.o.corpId) return ERR.badCorp;
    if (secret !== this.o.secret && secret !== this.o.kfSecret) return ERR.badSecret;
    const ttl = this.o.tokenTtlSeconds ?? 7200;
    const token = randomBytes(24).toString('base64url');
    this.tokens.set(token, { secret, expiresAt: this.now() + ttl * 1000 });
    return { errcode: 0, errmsg: 'ok', access_token: token, expires_in: ttl };
  }

  /** Invalidates every token early, as WeCom may. */
  expireTokens(): void {
    for (const t of this.tokens.values()) t.expiresAt = 0;
  }

  checkToken(token: string | undefined, kf = false): Record<string, unknown> | null {
    const t = token ? this.tokens.get(token) : undefined;
    if (!t) return ERR.invalidToken;
    if (t.expiresAt <= this.now()) return ERR.expiredToken;
    if (kf && this.o.kfSecret && t.secret !== this.o.kfSecret) return { errcode: 48002, errmsg: 'api forbidden' };
    return null;
  }

  send(body: Record<string, unknown>): Record<string, unknown> {
    const touser = typeof body.touser === 'string' ? body.touser : '';
    if (!touser || typeof body.msgtype !== 'string')
      return { errcode: 40035, errmsg: 'invalid args: touser and msgtype required' };
    if (body.agentid !== this.o.agentId) return { errcode: 40056, errmsg: 'invalid agentid' };
    const file = body.file as { media_id?: unknown } | undefined;
    if (body.msgtype === 'file' && !this.media.get(String(file?.media_id ?? '')))
      return { errcode: 40007, errmsg: 'invalid media_id' };
    // As WeCom does: unknown recipients are listed in invaliduser and the rest still get it; none left is 81013.
    const users = touser.split('|');
    const invalid = users.filter((u) => this.members && !this.members.has(u));
    const invaliduser = invalid.join('|');
    if (invalid.length === users.length)
      return {
        errcode: 81013,
        errmsg: 'user & party & tag all invalid',
        invaliduser,
        invalidparty: '',
        invalidtag: '',
      };
    const msgid = randomBytes(12).toString('hex');
    for (const to of users.filter((u) => !invalid.includes(u))) {
      this.keepSent({ at: this.now(), api: 'message/send', to, body, msgid, dropped: this.overMemberLimit(to) });
    }
    const lists = { invaliduser, invalidparty: '', invalidtag: '', unlicenseduser: '' };
    const card = body.template_card as { card_type?: string } | undefined;
    if (body.msgtype === 'template_card' && card?.card_type === 'button_interaction') {
      const response_code = randomBytes(16).toString('hex');
      this.cards.set(response_code, touser);
      return { errcode: 0, errmsg: 'ok', ...lists, msgid, response_code };
    }
    return { errcode: 0, errmsg: 'ok', ...lists, msgid };
  }

  /** Issues a single-use response code, as the card-press callback carries. */
  issueResponseCode(userid: string): string {
    const code = randomBytes(16).toString('hex');
    this.cards.set(code, userid);
    return code;
  }

  updateCard(body: Record<string, unknown>): Record<string, unknown> {
    const code = String(body.response_code ?? '');
    const user = this.cards.get(code);
    if (!user) return { errcode: 40001, errmsg: 'invalid response_code' };
    this.cards.delete(code); // single use
    this.keepSent({ at: this.now(), api: 'update_template_card', to: user, body, msgid: code, dropped: false });
    return { errcode: 0, errmsg: 'ok' };
  }

  /** A WeChat customer writes to the kf account: reopens their 5-replies window. */
  addKfMessage(externalUserid: string, openKfid: string, content: string): KfMessage {
    const msg: KfMessage = {
      msgid: randomBytes(10).toString('hex'),
      open_kfid: openKfid,
      external_userid: externalUserid,
      send_time: Math.floor(this.now() / 1000),
      origin: 3,
      msgtype: 'text',
      text: { content },
    };
    this.keepKf(msg);
    this.kfWindow.set(externalUserid, 0);
    return msg;
  }

  syncMsg(body: Record<string, unknown>): Record<string, unknown> {
    const start = body.cursor ? Number.parseInt(String(body.cursor), 36) : 0;
    if (Number.isNaN(start)) return { errcode: 40001, errmsg: 'invalid cursor' };
    const limit = Math.min(Number(body.limit ?? 1000), 1000);
    // Only what the journal holds is listed: a cursor never counts a message a restart could lose.
    const kept = this.kfInbound.slice(0, this.kfInbound.length - this.kfUnwritten);
    const list = kept.filter((m) => !body.open_kfid || m.open_kfid === body.open_kfid || m.origin !== 3);
    // A cursor past the end is from an earlier run whose messages this fake no longer has (a data
    // directory from before the journal): everything listed now is new to the app, which dedupes by msgid.
    const from = start > list.length ? 0 : start;
    const page = list.slice(from, from + limit);
    const next = from + page.length;
    return {
      errcode: 0,
      errmsg: 'ok',
      next_cursor: next.toString(36),
      has_more: next < list.length ? 1 : 0,
      msg_list: page,
    };
  }

  kfSend(body: Record<string, unknown>): Record<string, unknown> {
    const to = String(body.touser ?? '');
    const used = this.kfWindow.get(to);
    // Only within 48 hours of the customer's last message, at most 5 replies.
    if (used === undefined || used >= 5) return { errcode: 95001, errmsg: 'send msg count limit' };
    this.kfWindow.set(to, used + 1);
    const msgid = typeof body.msgid === 'string' ? body.msgid : randomBytes(10).toString('hex');
    this.keepSent({ at: this.now(), api: 'kf/send_msg', to, body, msgid, dropped: false });
    return { errcode: 0, errmsg: 'ok', msgid };
  }

  /** WeCom's own rule: more than 30 a minute or 1,000 an hour to one member are dropped. */
  private overMemberLimit(to: string): boolean {
    const now = this.now();
    const delivered = this.sent.filter((s) => s.to === to && s.api === 'message/send' && !s.dropped);
    return (
      delivered.filter((s) => s.at > now - 60_000).length >= 30 ||
      delivered.filter((s) => s.at > now - 3_600_000).length >= 1000
    );
  }
}
