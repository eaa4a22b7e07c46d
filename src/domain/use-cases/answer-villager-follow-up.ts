import { caseStatusText } from '../chat/case-status.js';
import { THANKS_REPLY, WITHDRAW_REPLY } from '../chat/follow-up.js';
import type { VillagerFollowUpStore } from '../ports/villager-chat.js';
import { maskSecrets } from '../privacy.js';

export interface VillagerFollowUpDeps {
  store: VillagerFollowUpStore;
  timeZone: string;
  /** Queues a 微信客服 reply; `key` makes it idempotent. */
  reply(externalUserid: string, openKfid: string, text: string, key: string): Promise<void>;
  /** Queues a text to a cadre; `key` makes it idempotent. */
  tellCadre(userid: string, content: string, key: string): Promise<void>;
}

export interface FollowUpMessage {
  externalUserid: string;
  openKfid: string;
  caseId: number;
  text: string;
  msgid: string;
}

/**
 * Answers a villager who already has a receipt and is not adding evidence: how their case stands, a
 * short thanks, or their wish to drop it, which is recorded and passed to the cadre who decides.
 * One reply per villager message, so the 微信客服 window is used as the dialog always did.
 */
export async function answerVillagerFollowUp(
  deps: VillagerFollowUpDeps,
  kind: 'status' | 'thanks' | 'withdraw',
  m: FollowUpMessage,
  now: Date,
): Promise<string> {
  if (kind === 'thanks') {
    await deps.reply(m.externalUserid, m.openKfid, THANKS_REPLY, m.msgid);
    return 'thanks';
  }
  if (kind === 'status') {
    const cases = await deps.store.casesOf(m.externalUserid);
    await deps.reply(m.externalUserid, m.openKfid, caseStatusText(cases, deps.timeZone), m.msgid);
    return 'status';
  }
  const said = maskSecrets(m.text).slice(0, 200);
  const c = await deps.store.caseHolder(m.caseId);
  await deps.store.audit({
    actor: `villager:${m.externalUserid}`,
    action: 'villager-wish',
    entity: 'case',
    entityId: String(m.caseId),
    note: `村民表示：${said}`,
    at: now,
  });
  if (c?.holder)
    await deps.tellCadre(
      c.holder,
      `【村民意愿】编号 ${c.number}（${c.who}）的报告人说：「${said}」。是否办结请您核实后决定（如不纳入：不纳入 ${c.number} 原因）。`,
      `wish-${m.msgid}`,
    );
  await deps.reply(m.externalUserid, m.openKfid, WITHDRAW_REPLY, m.msgid);
  return 'withdraw';
}
