import { z } from 'zod';

const str = z.string();
const common = {
  ToUserName: str,
  FromUserName: str,
  CreateTime: str.regex(/^\d+$/),
  AgentID: str.optional(),
};

const Text = z.object({ ...common, MsgType: z.literal('text'), Content: str.default(''), MsgId: str });
const Image = z.object({ ...common, MsgType: z.literal('image'), PicUrl: str.optional(), MediaId: str, MsgId: str });
const Voice = z.object({ ...common, MsgType: z.literal('voice'), MediaId: str, Format: str.optional(), MsgId: str });
const Location = z.object({
  ...common,
  MsgType: z.literal('location'),
  Location_X: str,
  Location_Y: str,
  Scale: str.optional(),
  Label: str.optional(),
  MsgId: str,
});
const CardEvent = z.object({
  ...common,
  MsgType: z.literal('event'),
  Event: z.literal('template_card_event'),
  EventKey: str,
  TaskId: str,
  CardType: str.optional(),
  ResponseCode: str.optional(),
});
const KfEvent = z.object({
  ToUserName: str,
  CreateTime: str.regex(/^\d+$/),
  MsgType: z.literal('event'),
  Event: z.literal('kf_msg_or_event'),
  Token: str.optional(),
  OpenKfId: str,
});
const EnterAgent = z.object({
  ...common,
  MsgType: z.literal('event'),
  Event: z.literal('enter_agent'),
  EventKey: str.optional(),
});

export type InboundMessage =
  | ({ type: 'text' } & z.infer<typeof Text>)
  | ({ type: 'image' } & z.infer<typeof Image>)
  | ({ type: 'voice' } & z.infer<typeof Voice>)
  | ({ type: 'location' } & z.infer<typeof Location>)
  | ({ type: 'card_event' } & z.infer<typeof CardEvent>)
  | ({ type: 'kf_event' } & z.infer<typeof KfEvent>)
  | ({ type: 'enter_agent' } & z.infer<typeof EnterAgent>)
  | {
      type: 'unknown';
      MsgType: string;
      Event?: string;
      FromUserName?: string;
      CreateTime?: string;
      raw: Record<string, unknown>;
    };

const KNOWN = [
  ['text', Text],
  ['image', Image],
  ['voice', Voice],
  ['location', Location],
  ['card_event', CardEvent],
  ['kf_event', KfEvent],
  ['enter_agent', EnterAgent],
] as const;

function pick(f: Record<string, unknown>): (typeof KNOWN)[number] | undefined {
  if (f.MsgType !== 'event') return KNOWN.find(([t]) => t === f.MsgType);
  return { template_card_event: KNOWN[4], kf_msg_or_event: KNOWN[5], enter_agent: KNOWN[6] }[String(f.Event)];
}

export type ParseInboundResult = { ok: true; message: InboundMessage } | { ok: false; reason: string };

/** Validates decrypted callback fields; types we don't handle come back as 'unknown', never as an error. */
export function parseInbound(fields: Record<string, unknown>): ParseInboundResult {
  const known = pick(fields);
  if (!known) {
    if (typeof fields.MsgType !== 'string') return { ok: false, reason: 'MsgType missing' };
    return {
      ok: true,
      message: {
        type: 'unknown',
        MsgType: fields.MsgType,
        raw: fields,
        ...(typeof fields.Event === 'string' ? { Event: fields.Event } : {}),
        ...(typeof fields.FromUserName === 'string' ? { FromUserName: fields.FromUserName } : {}),
        ...(typeof fields.CreateTime === 'string' ? { CreateTime: fields.CreateTime } : {}),
      },
    };
  }
  const [type, schema] = known;
  const parsed = schema.safeParse(fields);
  if (!parsed.success)
    return { ok: false, reason: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') };
  return { ok: true, message: { type, ...parsed.data } as InboundMessage };
}

/**
 * The key WeCom retries are deduplicated by: MsgId where there is one, otherwise sender + CreateTime
 * (+ the button key and card for presses; the kf account for 微信客服 events).
 */
export function dedupeKey(m: InboundMessage): string {
  switch (m.type) {
    case 'text':
    case 'image':
    case 'voice':
    case 'location':
      return `msg:${m.MsgId}`;
    case 'card_event':
      return `card:${m.FromUserName}:${m.CreateTime}:${m.TaskId}:${m.EventKey}`;
    case 'kf_event':
      return `kf:${m.OpenKfId}:${m.CreateTime}:${m.Token ?? ''}`;
    case 'enter_agent':
      return `enter:${m.FromUserName}:${m.CreateTime}`;
    case 'unknown':
      return `other:${m.MsgType}:${m.Event ?? ''}:${m.FromUserName ?? ''}:${m.CreateTime ?? ''}`;
  }
}
