import { randomBytes } from 'node:crypto';
import { errorFromCode } from './wecom-error.js';
import { keepAliveHttp, type HttpAnswer } from './keep-alive-http.js';
import type { SendResult, WecomError, WecomResult } from '../domain/ports/wecom.js';
import type { MemberRateLimiter } from './member-rate-limiter.js';
import type { KfMessage } from '../domain/ports/wecom.js';
import { notSentTo, rateLimited, type RecipientList } from './send-answer.js';

export interface WecomClientOptions {
  /** e.g. https://qyapi.weixin.qq.com, or the fake WeCom's address. */
  apiBase: string;
  corpId: string;
  agentId: number;
  secret: string;
  /** Secret whose token may call 微信客服 APIs; default `secret`. */
  kfSecret?: string;
  /** Per-member send limiter shared by all processes; none = unlimited (tests of other things). */
  limiter?: MemberRateLimiter;
  /** Refresh this long before WeCom's expiry; default 5 minutes. */
  refreshMarginMs?: number;
  timeoutMs?: number;
  now?: () => number;
}

interface WecomReply {
  errcode?: number;
  errmsg?: string;
  [k: string]: unknown;
}
interface CachedToken {
  value: string;
  expiresAt: number;
}

/** A small typed client over fetch: token cache, sends, card updates and 微信客服. */
export class WecomClient {
  private readonly tokens = new Map<string, CachedToken>();
  private readonly inflight = new Map<string, Promise<WecomResult<{ token: string }>>>();
  private readonly o: Required<Omit<WecomClientOptions, 'limiter' | 'kfSecret'>> &
    Pick<WecomClientOptions, 'limiter' | 'kfSecret'>;

  private readonly http: ReturnType<typeof keepAliveHttp>;

  constructor({ refreshMarginMs = 300_000, timeoutMs = 10_000, now = Date.now, ...rest }: WecomClientOptions) {
    this.o = { refreshMarginMs, timeoutMs, now, ...rest };
    this.http = keepAliveHttp({ timeoutMs });
  }

  /** A message/send WeCom accepted for `touser` is marked sent in the outbox: its send-window slot is durable. */
  settleSend(touser: string): void {
    this.o.limiter?.settle(touser);
  }

  /** Closes the kept-alive sockets to WeCom. */
  close(): void {
    this.http.close();
  }

  sendText(touser: string, content: string) {
    return this.send(touser, { msgtype: 'text', text: { content } });
  }

  /**
   * One text to several members in one message/send ("a|b|c"; WeCom takes up to 1,000), with a result
   * each, as sendText would give it: a member over their window is not sent to, and one WeCom lists as
   * not sent (invaliduser, unlicenseduser) is refused alone while the others are sent.
   */
  sendTextToMany(tousers: string[], content: string) {
    return this.sendToMany(tousers, { msgtype: 'text', text: { content } });
  }

  sendMarkdown(touser: string, content: string) {
    return this.send(touser, { msgtype: 'markdown', markdown: { content } });
  }

  /** A template_card; for button_interaction the reply carries the response_code for later updates. */
  sendTemplateCard(touser: string, card: Record<string, unknown>) {
    return this.send(touser, { msgtype: 'template_card', template_card: card });
  }

  /** A file message of media uploaded before (uploadMedia). */
  sendFile(touser: string, mediaId: string) {
    return this.send(touser, { msgtype: 'file', file: { media_id: mediaId } });
  }

  /**
   * media/upload (doc path/90253): multipart/form-data with the file as field "media"; the filename names
   * the file in the chat. The media_id lasts three days, so it is uploaded again for each send.
   */
  uploadMedia(type: 'file', filename: string, data: Uint8Array) {
    const boundary = `----shouwang${randomBytes(12).toString('hex')}`;
    const head =
      `--${boundary}\r\nContent-Disposition: form-data; name="media"; filename="${filename.replace(/["\r\n]/g, '_')}"; filelength=${data.length}\r\n` +
      'Content-Type: application/octet-stream\r\n\r\n';
    const body = new Uint8Array(
      Buffer.concat([Buffer.from(head, 'utf8'), data, Buffer.from(`\r\n--${boundary}--\r\n`)]),
    );
    return this.call<{ media_id: string; type: string; created_at: string }>(
      `/cgi-bin/media/upload?type=${type}`,
      { raw: body, type: `multipart/form-data; boundary=${boundary}` },
      this.o.secret,
    );
  }

  /** After a press: grey the button out with new text, or replace the whole card. */
  updateTemplateCard(
    userid: string,
    responseCode: string,
    update: { replaceName: string } | { card: Record<string, unknown> },
  ) {
    const body = {
      userids: [userid],
      agentid: this.o.agentId,
      response_code: responseCode,
      ...('replaceName' in update ? { button: { replace_name: update.replaceName } } : { template_card: update.card }),
    };
    return this.call<Record<string, never>>('/cgi-bin/message/update_template_card', body, this.o.secret);
  }

  /** One page of 微信客服 messages after `cursor`. */
  kfSyncMsg(req: { cursor?: string; token?: string; openKfid: string; limit?: number }) {
    const body = {
      cursor: req.cursor,
      token: req.token,
      open_kfid: req.openKfid,
      limit: req.limit ?? 1000,
      voice_format: 0,
    };
    return this.call<{ next_cursor: string; has_more: number; msg_list: KfMessage[] }>(
      '/cgi-bin/kf/sync_msg',
      body,
      this.kfSecret,
    );
  }

  kfSendText(externalUserid: string, openKfid: string, content: string, msgid?: string) {
    const body = {
      touser: externalUserid,
      open_kfid: openKfid,
      msgtype: 'text',
      text: { content },
      ...(msgid ? { msgid } : {}),
    };
    return this.call<{ msgid: string }>('/cgi-bin/kf/send_msg', body, this.kfSecret);
  }

  /** 一村一码: a 微信客服 link whose enter_session event carries `scene` (≤32 of [0-9a-zA-Z_-]). */
  kfAddContactWay(openKfid: string, scene: string) {
    return this.call<{ url: string }>('/cgi-bin/kf/add_contact_way', { open_kfid: openKfid, scene }, this.kfSecret);
  }

  /** The welcome message for an enter_session event: its code is single use and lasts 20 seconds. */
  kfSendMsgOnEvent(code: string, content: string, msgid?: string) {
    const body = { code, msgtype: 'text', text: { content }, ...(msgid ? { msgid } : {}) };
    return this.call<{ msgid: string }>('/cgi-bin/kf/send_msg_on_event', body, this.kfSecret);
  }

  private get kfSecret(): string {
    return this.o.kfSecret ?? this.o.secret;
  }

  private async send(touser: string, payload: Record<string, unknown>): Promise<SendResult> {
    return (await this.sendToMany([touser], payload))[0]!;
  }

  private async sendToMany(tousers: string[], payload: Record<string, unknown>): Promise<SendResult[]> {
    const { limiter } = this.o;
    const waits = limiter ? await Promise.all(tousers.map((u) => limiter.acquire(u))) : tousers.map(() => 0);
    const granted = tousers.filter((_, i) => waits[i]! <= 0);
    const res = granted.length
      ? await this.call<{ msgid: string; response_code?: string } & Partial<Record<RecipientList, string>>>(
          '/cgi-bin/message/send',
          { touser: granted.join('|'), agentid: this.o.agentId, ...payload },
          this.o.secret,
        )
      : null;
    const refused = res?.ok ? notSentTo(res, granted) : () => [];
    return tousers.map((touser, i): SendResult => {
      if (waits[i]! > 0 || !res) return rateLimited(touser, waits[i]!);
      // WeCom answered that it took nothing: no mark will follow to settle the slot (a network error may
      // have reached WeCom, so its slot stays held).
      if (!res.ok) {
        if (res.error.kind !== 'network') limiter?.settle(touser);
        return res;
      }
      // errcode 0 still leaves out the recipients it lists (not in the app's range, no licence): for them
      // the message was not sent, so it must not count as sent.
      const reasons = refused(touser);
      if (!reasons.length) return res;
      limiter?.settle(touser);
      return {
        ok: false,
        error: { kind: 'rejected', retryable: false, message: `not accepted for ${reasons.join(', ')}` },
      };
    });
  }

  /** POSTs with a cached token; on 40014/42001 refreshes the token once and retries once. */
  private async call<T>(path: string, body: unknown, secret: string, retried = false): Promise<WecomResult<T>> {
    const token = await this.token(secret);
    if (!token.ok) return token;
    const sep = path.includes('?') ? '&' : '?';
    const res = await this.request('POST', `${path}${sep}access_token=${encodeURIComponent(token.token)}`, body);
    if (!res.ok) return res;
    const code = res.reply.errcode ?? 0;
    if (code === 0) return { ok: true, ...(res.reply as T) };
    const error = errorFromCode(code, res.reply.errmsg ?? '');
    if (error.kind === 'token_expired' && !retried) {
      this.tokens.delete(secret);
      return this.call(path, body, secret, true);
    }
    return { ok: false, error };
  }

  /** Cached per secret; concurrent callers share one gettoken (single flight). */
  private token(secret: string): Promise<WecomResult<{ token: string }>> {
    const cached = this.tokens.get(secret);
    if (cached && cached.expiresAt - this.o.refreshMarginMs > this.o.now())
      return Promise.resolve({ ok: true, token: cached.value });
    let pending = this.inflight.get(secret);
    if (!pending) {
      pending = this.fetchToken(secret).finally(() => this.inflight.delete(secret));
      this.inflight.set(secret, pending);
    }
    return pending;
  }

  private async fetchToken(secret: string): Promise<WecomResult<{ token: string }>> {
    const q = `corpid=${encodeURIComponent(this.o.corpId)}&corpsecret=${encodeURIComponent(secret)}`;
    const res = await this.request('GET', `/cgi-bin/gettoken?${q}`);
    if (!res.ok) return res;
    const {
      errcode = 0,
      errmsg = '',
      access_token,
      expires_in,
    } = res.reply as WecomReply & { access_token?: string; expires_in?: number };
    if (errcode !== 0 || !access_token)
      return { ok: false, error: errorFromCode(errcode || -1, errmsg || 'no access_token') };
    this.tokens.set(secret, { value: access_token, expiresAt: this.o.now() + (expires_in ?? 7200) * 1000 });
    return { ok: true, token: access_token };
  }

  private async request(
    method: 'GET' | 'POST',
    path: string,
    body?: unknown,
  ): Promise<{ ok: true; reply: WecomReply } | { ok: false; error: WecomError }> {
    let res: HttpAnswer;
    const raw = isRaw(body) ? body : null;
    try {
      res = await this.http.send(
        method,
        this.o.apiBase + path,
        body === undefined
          ? undefined
          : raw
            ? { body: raw.raw, type: raw.type }
            : { body: JSON.stringify(body), type: 'application/json' },
      );
    } catch (err) {
      return { ok: false, error: { kind: 'network', retryable: true, message: (err as Error).message } };
    }
    if (res.status >= 500)
      return { ok: false, error: { kind: 'server', retryable: true, message: `HTTP ${res.status}` } };
    try {
      return { ok: true, reply: JSON.parse(res.text) as WecomReply };
    } catch {
      const ok = res.status >= 200 && res.status < 300;
      return {
        ok: false,
        error: {
          kind: ok ? 'server' : 'rejected',
          retryable: ok,
          message: `HTTP ${res.status}, body is not JSON`,
        },
      };
    }
  }
}

/** A body sent as it is (a multipart upload), not as JSON. */
function isRaw(body: unknown): body is { raw: Uint8Array<ArrayBuffer>; type: string } {
  return (
    typeof body === 'object' && body !== null && 'raw' in body && (body as { raw: unknown }).raw instanceof Uint8Array
  );
}
