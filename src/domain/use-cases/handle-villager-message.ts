import { classifyFollowUp } from '../chat/follow-up.js';
import {
  identityDetails,
  identityOf,
  nextDialogStep,
  receiptText,
  reportIdentity,
  type Draft,
} from '../chat/villager-dialog.js';
import type { Policy, RiskType } from '../policy.js';
import type { HandledInbox } from '../ports/inbox.js';
import type { TaskNotice } from '../ports/triage.js';
import type { VillagerIntakeStore } from '../ports/villager-chat.js';
import type { KfMessage } from '../ports/wecom.js';
import { classifyReport } from '../triage/classify-report.js';
import type { Report } from '../triage/report.js';
import { attachLateIdentity, type LateIdentityDeps } from './attach-late-identity.js';
import { answerVillagerFollowUp, type VillagerFollowUpDeps } from './answer-villager-follow-up.js';
import { enterVillageSession, type EnterVillageSessionDeps } from './enter-village-session.js';
import { triageReport, type TriageDeps } from './triage-report.js';

export interface VillagerMessageDeps {
  messages: HandledInbox<KfMessage>;
  villagers: VillagerIntakeStore;
  policy: Policy;
  triage: TriageDeps;
  /** A villager opening a 微信客服 link (一村一码): the village and the welcome. */
  entry: EnterVillageSessionDeps;
  /** Who the report is about, told after the receipt: matched again and linked. */
  lateIdentity: LateIdentityDeps;
  /** Status questions, thanks and wishes after the receipt. */
  followUp: VillagerFollowUpDeps;
  /** Queues a 微信客服 reply; `key` makes it idempotent. */
  reply(externalUserid: string, openKfid: string, text: string, key: string): Promise<void>;
  notify(notices: TaskNotice[], opts?: { burst: boolean }): Promise<void>;
  /** The villager wrote, so their reply window is open again: send any status updates held back. */
  flushUpdates(externalUserid: string): Promise<void>;
  now(): Date;
}

/**
 * One stored villager message: continue the short dialog, open the case when it has what it needs,
 * answer with a receipt. A message handled before (re-queued by the reconciler) is left alone.
 */
export async function handleVillagerMessage(deps: VillagerMessageDeps, inboxId: number): Promise<string> {
  const stored = await deps.messages.load(inboxId);
  if (!stored) return 'missing';
  if (stored.handled) return 'already'; // re-queued by the reconciler after all
  // Entering through a link is not a message: it opens no reply window, so nothing held back goes out.
  const entered = stored.payload.msgtype === 'event';
  const status = entered ? await enterVillageSession(deps.entry, stored.payload) : await converse(deps, stored.payload);
  if (!entered) await deps.flushUpdates(stored.payload.external_userid!);
  await deps.messages.markHandled(inboxId, deps.now());
  return status;
}

async function converse(deps: VillagerMessageDeps, msg: KfMessage): Promise<string> {
  const user = msg.external_userid!;
  const openKfid = msg.open_kfid ?? '';
  const now = deps.now();
  const text = msg.msgtype === 'text' ? (msg.text?.content ?? '') : '';
  const media =
    msg.msgtype === 'image' || msg.msgtype === 'voice'
      ? {
          type: msg.msgtype,
          ref: String((msg[msg.msgtype] as { media_id?: string } | undefined)?.media_id ?? msg.msgid),
        }
      : undefined;

  const step = await deps.villagers.transaction(async (tx) => {
    const session = (await tx.session(user)) ?? {
      externalUserid: user,
      openKfid,
      caseId: null,
      caseOpen: false,
      draft: { description: [] },
    };
    const classification = text ? classifyReport({ text }, deps.policy) : null;
    // After a receipt (not in the middle of a dialog), a message concerns one of the villager's open cases.
    const [latest, ...others] = session.caseId ? await tx.openCases(user, session.caseId) : [];
    // Who it is, told after the receipt of a case still without a household: match again (late identity).
    const told = latest && !latest.householdId ? identityDetails(text) : null;
    if (latest && told) {
      const draft: Draft = { ...session.draft, ...told };
      await tx.saveSession({ ...session, openKfid, draft }, now);
      return { kind: 'identity' as const, caseNumber: latest.number, draft, told };
    }
    if (latest) {
      const follow = classifyFollowUp(
        text,
        classification,
        [latest, ...others],
        deps.policy.relatedRiskTypes as RiskType[][],
      );
      if (follow.kind === 'evidence')
        await tx.appendEvidence(
          follow.caseId,
          { channel: 'villager', text, at: now.toISOString(), ...(media ? { refs: [media] } : {}) },
          now,
        );
      if (follow.kind !== 'new_hardship') {
        await tx.saveSession({ ...session, openKfid }, now);
        return { kind: 'follow' as const, follow };
      }
    }
    // A new, different hardship starts a report of its own; who they are is known already.
    const start = session.caseId ? identityOf(session.draft) : session.draft;
    const next = nextDialogStep(start, text, classification, media);
    await tx.saveSession({ externalUserid: user, openKfid, caseId: null, draft: next.draft }, now);
    return { kind: 'dialog' as const, next };
  });

  if (step.kind === 'identity') {
    const out = await attachLateIdentity(deps.lateIdentity, { externalUserid: user, ...step }, now);
    await deps.notify(out.cards);
    for (const [i, n] of out.notices.entries()) await deps.followUp.tellCadre(n.touser, n.content, `${msg.msgid}-${i}`);
    await deps.reply(user, openKfid, out.reply, msg.msgid);
    return 'identity';
  }
  if (step.kind === 'follow') {
    const { kind, caseId } = step.follow;
    if (kind === 'evidence') {
      const c = await deps.villagers.caseSummary(caseId);
      await deps.reply(user, openKfid, `已把您补充的内容记入编号 ${c?.number ?? ''}。`, msg.msgid);
      return 'evidence';
    }
    return answerVillagerFollowUp(
      deps.followUp,
      kind,
      { externalUserid: user, openKfid, caseId, text, msgid: msg.msgid },
      now,
    );
  }
  const { next } = step;
  if (next.action === 'ask') {
    await deps.reply(user, openKfid, next.reply, msg.msgid);
    return 'ask';
  }
  if (next.action === 'ignore') return 'ignore';

  const d = next.draft;
  const report: Report = {
    channel: 'villager',
    reporter: user,
    text: d.description.join('\n'),
    identity: reportIdentity(d),
    ...(d.evidence?.length ? { evidence: d.evidence } : {}),
  };
  const inboxId = await deps.villagers.storeReport(msg.msgid, report);
  const out = await triageReport(deps.triage, inboxId, now);
  if (out.status === 'missing') throw new Error(`inbox ${inboxId} vanished`);
  // Only a department row (it has a kind) is screened; a villager's message always comes to a case.
  if (out.status === 'screened') throw new Error(`inbox ${inboxId}: a villager's report was screened out`);
  await deps.villagers.transaction(async (tx) =>
    tx.saveSession({ externalUserid: user, openKfid, caseId: out.caseId, draft: d }, now),
  );
  const c = (await deps.villagers.caseSummary(out.caseId))!;
  await deps.notify(out.notices);
  // Found by what they gave (a phone, an ID number): asking who they are again would ask what is known.
  const ask = !c.householdId ? next.ask : next.draft.phone || !next.ask ? null : '请留一个能联系上的手机号码。';
  await deps.reply(user, openKfid, receiptText(c.number, c.urgency === 'green', ask), msg.msgid);
  return 'submitted';
}
