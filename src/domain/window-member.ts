import type { SendWecomMessageData } from './ports/outbox.js';

/**
 * The member whose WeCom send window (30 a minute, 1,000 an hour) a message counts against, when its
 * data names them: a message/send to a member. Updates of a pressed card and 客服 messages count against
 * none; cards drawn from the store name their holder only when drawn (undefined here: claimed then).
 */
export function windowMember(d: SendWecomMessageData): string | undefined {
  switch (d.kind) {
    case 'text':
    case 'markdown':
    case 'card':
    case 'file':
      return d.touser;
    default:
      return undefined;
  }
}
