import type Router from '@koa/router';
import type { InboundMessage } from '../src/domain/inbound-message.js';
import { CallbackQuery, decodeCallback, VerifyQuery, type CallbackCodecOptions } from '../src/wecom/callback-codec.js';
import { readRawBody } from '../src/http/read-body.js';
import { AppError } from '../src/http/app-error.js';

export interface WecomCallbackDeps extends CallbackCodecOptions {
  /** Largest accepted body; WeCom's are a few KB. */
  bodyLimit?: number;
  receive(message: InboundMessage): Promise<unknown>;
}

/** GET: URL verification (answer the decrypted echostr). POST: verify, decrypt, store, queue, answer 200 with an empty body. */
export function wecomCallbackRoutes(
  router: Router,
  { bodyLimit = 256 * 1024, receive, ...codec }: WecomCallbackDeps,
): void {
  router.get('/wecom/callback', (ctx) => {
    const q = VerifyQuery.safeParse(ctx.query);
    if (!q.success) throw new AppError(400, 'bad_query', '缺少 msg_signature/timestamp/nonce/echostr');
    const out = decodeCallback(codec, q.data, q.data.echostr, { raw: true });
    if (!out.ok) throw new AppError(out.status, out.code, out.message);
    ctx.type = 'text/plain';
    ctx.body = out.plaintext;
  });
  router.post('/wecom/callback', async (ctx) => {
    const q = CallbackQuery.safeParse(ctx.query);
    if (!q.success) throw new AppError(400, 'bad_query', '缺少 msg_signature/timestamp/nonce');
    const body = await readRawBody(ctx.req, bodyLimit);
    const out = decodeCallback(codec, q.data, body);
    if (!out.ok) throw new AppError(out.status, out.code, out.message);
    await receive(out.message);
    ctx.status = 200;
    ctx.body = '';
  });
}
