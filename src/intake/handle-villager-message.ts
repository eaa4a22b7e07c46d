import { nextDialogStep, receiptText } from '../domain/chat/villager-dialog.js';
import type { Policy } from '../domain/policy.js';
import { classifyReport } from '../domain/triage/classify-report.js';
import type { Report } from '../domain/triage/report.js';
import { triageReport, type TaskNotice, type TriageDeps } from '../domain/use-cases/triage-report.js';
import type { Db } from '../store/db.js';
import { findInboxId, insertInbox } from '../store/inbox-store.js';
import { appendCaseEvidence, loadKfSession, saveKfSession } from '../store/kf-session-store.js';
import type { KfMessage } from '../wecom/wecom-client.js';

export interface VillagerMessageDeps {
  db: Db;
  policy: Policy;
  triage: TriageDeps;
  /** Queues a 微信客服 reply; `key` makes it idempotent. */
  reply(externalUserid: string, openKfid: string, text: string, key: string): Promise<void>;
  notify(notices: TaskNotice[]): Promise<void>;
  /** The villager wrote, so their reply window is open again: send any status updates held back. */
  flushUpdates(externalUserid: string): Promise<void>;
  now(): Date;
}

/** One villager message: continue the short dialog, open the case when it has what it needs, answer with a receipt. */
export async function handleVillagerMessage(deps: VillagerMessageDeps, msg: KfMessage): Promise<string> {
  const status = await converse(deps, msg);
  await deps.flushUpdates(msg.external_userid!);
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

  const step = await deps.db.transaction(async (tx) => {
    const session = (await loadKfSession(tx, user)) ?? {
      externalUserid: user,
      openKfid,
      caseId: null,
      caseOpen: false,
      draft: { description: [] },
    };
    if (session.caseId && session.caseOpen) {
      await appendCaseEvidence(
        tx,
        session.caseId,
        { channel: 'villager', text, at: now.toISOString(), ...(media ? { refs: [media] } : {}) },
        now,
      );
      await saveKfSession(tx, { ...session, openKfid }, now);
      return { kind: 'evidence' as const, caseId: session.caseId };
    }
    const classification = text ? classifyReport({ text }, deps.policy) : null;
    const next = nextDialogStep(session.caseId ? { description: [] } : session.draft, text, classification, media);
    await saveKfSession(tx, { externalUserid: user, openKfid, caseId: null, draft: next.draft }, now);
    return { kind: 'dialog' as const, next };
  });

  if (step.kind === 'evidence') {
    const { rows } = await deps.db.query<{ number: string }>('SELECT number FROM cases WHERE id = $1', [step.caseId]);
    await deps.reply(user, openKfid, `已把您补充的内容记入编号 ${rows[0]?.number ?? ''}。`, msg.msgid);
    return 'evidence';
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
    identity: {
      idNumber: d.idNumber ?? null,
      phone: d.phone ?? null,
      name: d.name ?? null,
      village: d.village ?? null,
    },
    ...(d.evidence?.length ? { evidence: d.evidence } : {}),
  };
  const source = 'kf-report';
  const inboxId =
    (await insertInbox(deps.db, { source, sourceMsgId: msg.msgid, payload: report })) ??
    (await findInboxId(deps.db, source, msg.msgid))!;
  const out = await triageReport(deps.triage, inboxId, now);
  if (out.status === 'missing') throw new Error(`inbox ${inboxId} vanished`);
  await deps.db.transaction(async (tx) =>
    saveKfSession(tx, { externalUserid: user, openKfid, caseId: out.caseId, draft: d }, now),
  );
  const { rows } = await deps.db.query<{ number: string; urgency: string }>(
    'SELECT number, urgency FROM cases WHERE id = $1',
    [out.caseId],
  );
  await deps.notify(out.notices);
  await deps.reply(user, openKfid, receiptText(rows[0]!.number, rows[0]!.urgency === 'green', next.ask), msg.msgid);
  return 'submitted';
}
