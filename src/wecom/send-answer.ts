import type { SendResult } from '../domain/ports/wecom.js';

/** The lists of recipients WeCom did not send a message to, in message/send's answer. */
const RECIPIENT_LISTS = ['invaliduser', 'invalidparty', 'invalidtag', 'unlicenseduser'] as const;
export type RecipientList = (typeof RECIPIENT_LISTS)[number];

/** A member's send held back by their window for `wait` ms: it was not sent. */
export function rateLimited(touser: string, wait: number): SendResult {
  return {
    ok: false,
    error: {
      kind: 'rate_limited',
      retryable: true,
      retryAfterMs: wait,
      message: `member ${touser} at its message limit`,
    },
  };
}

/**
 * For each recipient, the lists of message/send's answer that name it (`invaliduser=u1`); a list entry that
 * names none of the recipients (a party, a tag, a spelling we cannot place) counts against every one.
 */
export function notSentTo(reply: Partial<Record<RecipientList, string>>, recipients: string[]) {
  const known = new Set(recipients.map((u) => u.toLowerCase()));
  const named = new Map<string, string[]>();
  const unplaced: string[] = [];
  for (const k of RECIPIENT_LISTS) {
    if (!reply[k]) continue;
    for (const entry of reply[k].split('|')) {
      if (!entry) continue;
      const who = entry.toLowerCase();
      if (!known.has(who)) unplaced.push(`${k}=${entry}`);
      else named.set(who, [...(named.get(who) ?? []), `${k}=${entry}`]);
    }
  }
  return (touser: string) => [...(named.get(touser.toLowerCase()) ?? []), ...unplaced];
}
