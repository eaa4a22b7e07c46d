import { decryptMessage, verifySignature, type CallbackKeys, type SignedQuery } from './callback-crypto.js';
import { parseInbound, type InboundMessage } from '../domain/inbound-message.js';
import { z } from 'zod';
import { parseWecomXml } from './xml.js';

/** The query WeCom signs a callback with (POST). */
export const CallbackQuery = z.object({
  msg_signature: z.string().min(1),
  timestamp: z.string().regex(/^\d+$/),
  nonce: z.string().min(1),
});
/** URL verification (GET) adds the encrypted echostr to answer. */
export const VerifyQuery = CallbackQuery.extend({ echostr: z.string().min(1) });

export interface CallbackCodecOptions {
  keys: CallbackKeys;
  /** Refuse callbacks whose timestamp is further than this from now (replay guard). */
  windowSeconds: number;
  now: () => Date;
}

type Failure = { ok: false; status: 400 | 401; code: string; message: string };
const fail = (status: 400 | 401, code: string, message: string): Failure => ({ ok: false, status, code, message });

/**
 * The whole inbound pipeline short of storage, with no I/O: timestamp window, outer XML, signature,
 * AES decrypt + receive-id check, inner XML, zod. With raw, `body` is the echostr itself (GET verification).
 */
export function decodeCallback(
  o: CallbackCodecOptions,
  q: SignedQuery,
  body: string,
  opts: { raw: true },
): { ok: true; plaintext: string } | Failure;
export function decodeCallback(
  o: CallbackCodecOptions,
  q: SignedQuery,
  body: string,
): { ok: true; message: InboundMessage } | Failure;
export function decodeCallback(
  o: CallbackCodecOptions,
  q: SignedQuery,
  body: string,
  opts?: { raw: true },
): { ok: true; plaintext: string } | { ok: true; message: InboundMessage } | Failure {
  const skew = Math.abs(o.now().getTime() / 1000 - Number(q.timestamp));
  if (skew > o.windowSeconds) return fail(401, 'stale_timestamp', 'timestamp 超出允许的时间窗口');
  let encrypted = body;
  if (!opts?.raw) {
    const outer = parseWecomXml(body);
    if (!outer.ok) return fail(400, 'bad_xml', outer.reason);
    if (typeof outer.fields.Encrypt !== 'string') return fail(400, 'bad_xml', '缺少 Encrypt');
    encrypted = outer.fields.Encrypt;
  }
  if (!verifySignature(o.keys, q, encrypted)) return fail(401, 'bad_signature', '签名校验失败');
  const plain = decryptMessage(o.keys, encrypted);
  if (!plain.ok) return fail(401, plain.reason, plain.reason === 'wrong_receiver' ? '接收方不是本企业' : '解密失败');
  if (opts?.raw) return { ok: true, plaintext: plain.message };
  const inner = parseWecomXml(plain.message);
  if (!inner.ok) return fail(400, 'bad_xml', inner.reason);
  const parsed = parseInbound(inner.fields);
  if (!parsed.ok) return fail(400, 'bad_message', parsed.reason);
  return { ok: true, message: parsed.message };
}
