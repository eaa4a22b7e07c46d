/** What WeCom gives back, as values (the adapter is src/wecom/wecom-client.ts). */
export type WecomErrorKind =
  | 'rate_limited'
  | 'token_expired'
  | 'rejected'
  | 'network'
  | 'server'
  | 'reply_window_closed';

/** A failed WeCom call, as a value: the caller decides to retry (BullMQ) or give up (UnrecoverableError). */
export interface WecomError {
  kind: WecomErrorKind;
  retryable: boolean;
  errcode?: number;
  message: string;
  /** When the call may be tried again (rate limits). */
  retryAfterMs?: number;
}

export type WecomResult<T> = ({ ok: true } & T) | { ok: false; error: WecomError };

export interface KfMessage {
  msgid: string;
  open_kfid?: string;
  external_userid?: string;
  send_time: number;
  origin: number;
  msgtype: string;
  text?: { content: string };
  image?: { media_id: string };
  voice?: { media_id: string };
  event?: Record<string, unknown>;
  [k: string]: unknown;
}

/** What WeCom sent (msgid; response_code for a card with buttons). */
export type SendResult = WecomResult<{ msgid?: string; response_code?: string }>;

/** Sending messages through WeCom (the adapter is src/wecom/wecom-client.ts). */
export interface WecomSender {
  sendText(touser: string, content: string): Promise<SendResult>;
  /** One text to several members in one call, a result each (as sendText's); without it, one call each. */
  sendTextToMany?(tousers: string[], content: string): Promise<SendResult[]>;
  sendMarkdown(touser: string, content: string): Promise<SendResult>;
  sendTemplateCard(touser: string, card: Record<string, unknown>): Promise<SendResult>;
  /** After a press: grey the button out with new text, or replace the whole card. */
  updateTemplateCard(
    userid: string,
    responseCode: string,
    update: { replaceName: string } | { card: Record<string, unknown> },
  ): Promise<WecomResult<Record<string, never>>>;
  /** media/upload: a temporary file (valid 3 days) for a file message; `filename` is what the member sees. */
  uploadMedia(type: 'file', filename: string, data: Uint8Array): Promise<WecomResult<{ media_id: string }>>;
  sendFile(touser: string, mediaId: string): Promise<SendResult>;
  kfSendText(externalUserid: string, openKfid: string, content: string): Promise<WecomResult<{ msgid: string }>>;
  kfSendMsgOnEvent(code: string, content: string): Promise<WecomResult<{ msgid: string }>>;
}
