import type { SimRecord } from '../ports/simulator.js';

/** One line of a simulated chat, as the simulator's page draws it. */
export interface SimMessage {
  at: number;
  from: 'me' | 'bot';
  kind: 'text' | 'markdown' | 'card';
  text?: string;
  card?: Record<string, unknown>;
}

/**
 * A chat from the simulator's log: what the person typed or pressed, and what the app sent them through
 * WeCom (kf replies, app messages, task cards). A card update answers the press before it: that card is
 * redrawn, or its buttons greyed with the new name, as WeCom's client shows.
 */
export function simTranscript(records: readonly SimRecord[]): SimMessage[] {
  const out: SimMessage[] = [];
  let pressed: string | undefined;
  for (const r of records) {
    if (r.kind === 'said') {
      out.push({ at: r.at, from: 'me', kind: 'text', text: r.text });
      if (r.pressed) pressed = r.pressed;
      continue;
    }
    if (r.kind !== 'sent') continue;
    const s = r.sent;
    // biome-ignore lint/suspicious/noExplicitAny: the fake's request bodies, as WeCom's API takes them.
    const b = s.body as Record<string, any>;
    if (s.api === 'kf/send_msg' || s.api === 'kf/send_msg_on_event')
      out.push({ at: s.at, from: 'bot', kind: 'text', text: b.text?.content ?? '' });
    else if (s.api === 'message/send' && b.msgtype === 'template_card')
      out.push({ at: s.at, from: 'bot', kind: 'card', card: b.template_card });
    else if (s.api === 'message/send')
      out.push({
        at: s.at,
        from: 'bot',
        kind: b.msgtype === 'markdown' ? 'markdown' : 'text',
        text: (b.markdown ?? b.text)?.content ?? '',
      });
    else if (s.api === 'update_template_card') {
      const card = [...out].reverse().find((m) => m.kind === 'card' && m.card?.task_id === pressed);
      if (card)
        card.card = b.template_card ?? {
          ...card.card,
          button_list: [{ key: 'done', text: b.button?.replace_name, style: 4 }],
        };
    }
  }
  return out;
}
