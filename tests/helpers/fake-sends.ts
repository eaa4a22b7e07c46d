import type { FakeWecomServer } from '../../src/wecom/fake/fake-wecom-server.js';

type Sent = FakeWecomServer['state']['sent'][number];

/** When the fake WeCom got each message, grouped by a key (messages the key skips with null are left out). */
export function sendTimes(fake: FakeWecomServer, keyOf: (m: Sent) => string | null): Map<string, number[]> {
  const by = new Map<string, number[]>();
  for (const m of fake.state.sent) {
    const k = keyOf(m);
    if (k) by.set(k, [...(by.get(k) ?? []), m.at]);
  }
  return by;
}

/** The task a template card was sent for (its task_id), or null for anything else. */
export const cardTaskOf = (m: Sent) =>
  m.api === 'message/send' && m.body.msgtype === 'template_card'
    ? (m.body.template_card as { task_id: string }).task_id
    : null;
