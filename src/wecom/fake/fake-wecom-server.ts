import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { readRawBody } from '../../http/read-body.js';
import { readUpload, type Upload } from '../../http/read-upload.js';
import { MAX_MEDIA_BYTES } from './fake-media.js';
import type { CallbackKeys } from '../callback-crypto.js';
import { CallbackSender } from './callback-sender.js';
import { FakeWecomState, type Fault, type FakeWecomOptions } from './fake-wecom-state.js';

export interface FakeWecomServerOptions extends FakeWecomOptions {
  /** Callback settings of the app under test, to act as WeCom's sending side. */
  callback?: CallbackKeys & { url: string };
  port?: number;
  host?: string;
}

type Json = Record<string, unknown>;

/**
 * A real HTTP peer speaking WeCom's documented API (gettoken, message/send, update_template_card,
 * media/upload, kf/sync_msg, kf/send_msg) with its JSON shapes and error codes, plus /fake/* to inspect and steer it.
 */
export class FakeWecomServer {
  readonly state: FakeWecomState;
  readonly sender?: CallbackSender;
  private server?: Server;
  url = '';

  constructor(private readonly o: FakeWecomServerOptions) {
    this.state = new FakeWecomState(o);
    if (o.callback) this.sender = new CallbackSender(o.callback, this.state);
  }

  /** Points the callback side at the app (its port may be known only after it listens). */
  connectApp(url: string): void {
    if (!this.o.callback) throw new Error('fake WeCom started without callback settings');
    this.o.callback.url = url;
  }

  async start(): Promise<this> {
    if (this.o.journal) this.state.restore(await this.o.journal.load());
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(this.o.port ?? 0, this.o.host ?? '127.0.0.1', resolve));
    const addr = this.server.address();
    this.url = `http://${this.o.host ?? '127.0.0.1'}:${typeof addr === 'object' && addr ? addr.port : 0}`;
    return this;
  }

  async stop(): Promise<void> {
    if (!this.server) return;
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server!.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://fake');
    let body: Json = {};
    let upload: Upload | null = null;
    try {
      if (url.pathname === '/cgi-bin/media/upload') upload = await readUpload(req, MAX_MEDIA_BYTES + 1);
      else {
        const text = req.method === 'POST' ? await readRawBody(req, 4 * 1024 * 1024) : '';
        body = text ? (JSON.parse(text) as Json) : {};
      }
    } catch {
      return reply(res, 200, { errcode: upload === null ? 47001 : 44001, errmsg: 'data format error' });
    }
    const api = url.pathname.replace(/^\/cgi-bin\//, '');
    if (url.pathname.startsWith('/cgi-bin/')) {
      this.state.stats.calls++;
      const fault = this.state.takeFault(api);
      if (fault?.kind === 'http') return reply(res, fault.status, { error: 'injected' });
      if (fault?.kind === 'errcode')
        return reply(res, 200, { errcode: fault.errcode, errmsg: fault.errmsg ?? 'injected fault' });
      if (fault?.kind === 'delay') await new Promise((r) => setTimeout(r, fault.ms));
    }
    await this.state.flush(); // what an earlier write left pending, before sync_msg counts it
    const out = await this.route(req.method ?? 'GET', api, url.searchParams, body, url.pathname, upload);
    await this.state.flush(); // the app hears back only once what it sent is kept
    if (out === undefined) return reply(res, 404, { errcode: 404, errmsg: 'not found' });
    reply(res, 200, out);
  }

  private async route(
    method: string,
    api: string,
    q: URLSearchParams,
    body: Json,
    path: string,
    upload: Upload | null,
  ): Promise<unknown> {
    const s = this.state;
    const token = q.get('access_token') ?? undefined;
    const authed = (fn: () => Json, kf = false) => s.checkToken(token, kf) ?? fn();
    switch (`${method} ${path.startsWith('/cgi-bin/') ? api : path}`) {
      case 'GET gettoken':
        return s.getToken(q.get('corpid') ?? '', q.get('corpsecret') ?? '');
      case 'POST message/send':
        return authed(() => s.send(body));
      case 'POST media/upload':
        return authed(() => s.media.upload(q.get('type'), upload));
      case 'POST message/update_template_card':
        return authed(() => s.updateCard(body));
      case 'POST kf/sync_msg':
        return authed(() => s.syncMsg(body), true);
      case 'POST kf/send_msg':
        return authed(() => s.kfSend(body), true);
      case 'POST kf/add_contact_way':
        return authed(() => s.kf.addContactWay(body), true);
      case 'POST kf/send_msg_on_event':
        return authed(() => s.kf.sendMsgOnEvent(body), true);
      // Inspection and steering.
      case 'GET /fake/sent':
        return { sent: s.sent.filter((m) => !q.get('to') || m.to === q.get('to')) };
      case 'GET /fake/stats':
        return { ...s.stats, faults: s.faults };
      case 'POST /fake/reset':
        s.reset();
        return { ok: true };
      case 'POST /fake/faults':
        s.faults.push(...((body.faults as Fault[]) ?? []));
        return { ok: true };
      case 'POST /fake/members':
        s.members = Array.isArray(body.members) ? new Set(body.members.map(String)) : null;
        return { ok: true };
      case 'POST /fake/expire-tokens':
        s.expireTokens();
        return { ok: true };
      case 'POST /fake/cadre/say':
        return this.requireSender().text(String(body.userid), String(body.content));
      case 'POST /fake/cadre/press':
        return this.requireSender().press(String(body.userid), String(body.task_id), String(body.key));
      case 'POST /fake/villager/say':
        return this.requireSender().villagerSays(
          String(body.external_userid),
          String(body.open_kfid ?? 'wk-demo'),
          String(body.content),
        );
      case 'POST /fake/villager/scan':
        return this.requireSender().villagerScans(
          String(body.external_userid),
          String(body.url),
          body.scene_param === undefined ? undefined : String(body.scene_param),
        );
      default:
        return undefined;
    }
  }

  private requireSender(): CallbackSender {
    if (!this.sender) throw new Error('fake WeCom started without callback settings');
    return this.sender;
  }
}

function reply(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}
