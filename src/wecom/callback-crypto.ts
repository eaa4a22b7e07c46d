import { decrypt, encrypt, getSignature } from '@wecom/crypto';
import { randomBytes, timingSafeEqual } from 'node:crypto';

/** The WXBizMsgCrypt settings of one app (接收消息 → Token / EncodingAESKey) and the expected receive id. */
export interface CallbackKeys {
  token: string;
  aesKey: string;
  corpId: string;
}

export interface SignedQuery {
  msg_signature: string;
  timestamp: string;
  nonce: string;
}

/** sha1 over the sorted four strings, compared in constant time (@wecom/crypto does not compare). */
export function verifySignature(keys: CallbackKeys, q: SignedQuery, encrypted: string): boolean {
  const expected = Buffer.from(getSignature(keys.token, q.timestamp, q.nonce, encrypted), 'utf8');
  const given = Buffer.from(q.msg_signature.toLowerCase(), 'utf8');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export type DecryptResult = { ok: true; message: string } | { ok: false; reason: 'bad_ciphertext' | 'wrong_receiver' };

/** AES-256-CBC decrypt, then the receive id must be our corp id (@wecom/crypto does not check it). */
export function decryptMessage(keys: CallbackKeys, encrypted: string): DecryptResult {
  let out: { message: string; id: string };
  try {
    out = decrypt(keys.aesKey, encrypted);
  } catch {
    return { ok: false, reason: 'bad_ciphertext' };
  }
  if (out.id !== keys.corpId) return { ok: false, reason: 'wrong_receiver' };
  return { ok: true, message: out.message };
}

/** Encrypts and signs a message the way WeCom does (used by the fake WeCom and passive replies). */
export function sealMessage(
  keys: CallbackKeys,
  message: string,
  timestamp: string,
  nonce = randomBytes(8).toString('hex'),
) {
  const encrypted = encrypt(keys.aesKey, message, keys.corpId);
  return { encrypted, timestamp, nonce, msg_signature: getSignature(keys.token, timestamp, nonce, encrypted) };
}
