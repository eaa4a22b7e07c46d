import type { KfInboxStore, KfMessageSource } from '../ports/villager-chat.js';
import type { KfMessage } from '../ports/wecom.js';

export interface PullKfDeps {
  kf: KfMessageSource;
  kfInbox: KfInboxStore;
  enqueue(inboxId: number, msg: KfMessage): Promise<void>;
}

const ORIGIN_CUSTOMER = 3;

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
      if (msg.origin !== ORIGIN_CUSTOMER || !msg.external_userid) continue;
      const id = await deps.kfInbox.storeMessage(msg.msgid, { ...msg, open_kfid: msg.open_kfid ?? openKfid });
      if (id !== null) {
        stored++;
        await deps.enqueue(id, msg);
      }
    }
    cursor = res.next_cursor;
    await deps.kfInbox.saveCursor(openKfid, cursor);
    if (res.has_more !== 1) break;
  }
  return stored;
}
