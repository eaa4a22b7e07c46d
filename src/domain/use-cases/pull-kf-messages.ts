import type { KfInboxStore, KfMessageSource } from '../ports/villager-chat.js';
import type { KfMessage } from '../ports/wecom.js';
import { storable } from '../storable-text.js';

export interface PullKfDeps {
  kf: KfMessageSource;
  kfInbox: KfInboxStore;
  enqueue(inboxId: number, msg: KfMessage): Promise<void>;
}

const ORIGIN_CUSTOMER = 3;
const ORIGIN_EVENT = 4;

/**
 * What is kept of a pulled message: the customer's messages, and enter_session events (a villager
 * opened a link; 一村一码), whose user and account WeCom puts inside `event`, lifted to the top here.
 */
function kept(msg: KfMessage, openKfid: string): KfMessage | null {
  if (msg.origin === ORIGIN_CUSTOMER && msg.external_userid) return { ...msg, open_kfid: msg.open_kfid ?? openKfid };
  const ev = msg.event;
  if (msg.origin === ORIGIN_EVENT && ev?.event_type === 'enter_session' && typeof ev.external_userid === 'string')
    return { ...msg, external_userid: ev.external_userid, open_kfid: String(ev.open_kfid ?? openKfid) };
  return null;
}

/**
 * Pulls every new 微信客服 message for one account. The cursor is kept in the store after each page, so
 * nothing is read twice or skipped across restarts; each customer message is stored once (unique msgid).
 * Pages continue while has_more = 1, even if a page is empty (WeCom says so).
 */
export async function pullKfMessages(deps: PullKfDeps, openKfid: string, token?: string): Promise<number> {
  let cursor = (await deps.kfInbox.cursor(openKfid)) ?? undefined;
  let stored = 0;
  for (let page = 0; page < 1000; page++) {
    const res = await deps.kf.kfSyncMsg({ openKfid, cursor, ...(token ? { token } : {}) });
    if (!res.ok) throw new Error(`kf/sync_msg failed: ${res.error.kind} ${res.error.message}`);
    for (const msg of res.msg_list) {
      const payload = kept(msg, openKfid);
      if (!payload) continue;
      // Stored as storable text (what could not be is kept, escaped, as `original`); one that still
      // cannot be stored becomes a dead letter, so it never holds the cursor and the messages after it.
      const { value, original } = storable(payload);
      let id: number | null;
      try {
        id = await deps.kfInbox.storeMessage(value.msgid, original ? { ...value, original } : value);
      } catch (err) {
        await deps.kfInbox.deadLetter(msg.msgid, msg, err);
        continue;
      }
      if (id !== null) {
        stored++;
        await deps.enqueue(id, value);
      }
    }
    cursor = res.next_cursor;
    await deps.kfInbox.saveCursor(openKfid, cursor);
    if (res.has_more !== 1) break;
  }
  return stored;
}
