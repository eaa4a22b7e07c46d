import type { WecomError, WecomErrorKind } from '../domain/ports/wecom.js';

const RETRYABLE_CODES: Record<number, WecomErrorKind> = {
  [-1]: 'server', // 系统繁忙
  45009: 'rate_limited', // api freq out of limit
  45033: 'rate_limited', // api concurrent out of limit
  40014: 'token_expired',
  42001: 'token_expired',
  42009: 'token_expired',
};

/** Maps a WeCom errcode to a typed error; unknown codes are permanent (retrying a bad request repeats it). */
export function errorFromCode(errcode: number, errmsg: string): WecomError {
  if (errcode === 95001) return { kind: 'reply_window_closed', retryable: false, errcode, message: errmsg };
  const kind = RETRYABLE_CODES[errcode];
  if (kind) return { kind, retryable: true, errcode, message: errmsg };
  return { kind: 'rejected', retryable: false, errcode, message: errmsg };
}
