import type { CaseEvent } from '../../cases/case-lifecycle.js';
import { procedureCard, type ProcedureCardView } from '../../cadre/procedure-card.js';
import { maskSecrets } from '../../privacy.js';
import { stateLabel, whoseTurn, type Procedure, type ProcedureEffect } from '../../procedure/procedure.js';
import { overdueWarnings, procedureDueAt, stepDueAt } from '../../procedure/procedure-deadlines.js';
import { REMOVAL_MODE_LABEL } from '../../procedure/exit-conditions.js';
import type { CadreOutcome } from '../../ports/cadre.js';
import { MONITORING_LABEL, ROLE_LABEL, type HouseholdStatus } from '../../types.js';
import { caseStep } from './case-step.js';
import { answer, type CaseContext } from './command-context.js';

export interface ProcedureChange {
  /** The stored procedure changed, or null for a new one. */
  id: number | null;
  before: Procedure | null;
  procedure: Procedure;
  effect: ProcedureEffect;
  /** propose, pass, return, reject, review, objection, resolve. */
  action: string;
  note: string;
  data?: unknown;
  priorStatus?: HouseholdStatus | null;
}

const EFFECT_EVENT: Record<Exclude<ProcedureEffect, 'none' | 'withdraw'>, CaseEvent> = {
  include: 'include',
  reject: 'exclude',
  reverse: 'revoke',
  remove: 'remove_risk',
};

/**
 * Stores a procedure's change with its step record and audit row, applies what it did to the case and
 * household (纳入, 不纳入, 撤销, 风险消除, 退回), and sends the card to the cadre whose turn it is next.
 */
export async function recordProcedureChange(x: CaseContext, ch: ProcedureChange): Promise<CadreOutcome> {
  const { deps, store, actor, now, c } = x;
  const ps = store.procedures;
  const p = ch.procedure;
  const due = { stepDueAt: stepDueAt(p, deps.policy, deps.timeZone) };
  const dueAt = procedureDueAt(p, deps.policy, deps.timeZone);
  const note = maskSecrets(ch.note).slice(0, 500);
  let id = ch.id;
  let seq = 0;
  if (id === null)
    id = await ps.insertProcedure(
      { caseId: c.id, householdId: c.householdId, procedure: p, priorStatus: ch.priorStatus ?? null, dueAt, ...due },
      now,
    );
  else seq = await ps.saveProcedure(id, p, due, now);
  const from = ch.before ? stateLabel(ch.before) : '';
  await ps.addStep(id, { step: from || '提出', action: ch.action, actor: actor.userid, note, at: now, data: ch.data });
  await store.audit({
    actor: actor.userid,
    action: `procedure-${ch.action}`,
    entity: 'case',
    entityId: String(c.id),
    fromState: from || null,
    toState: stateLabel(p),
    note: `${p.kind === 'exit' ? '风险消除' : '识别认定'}程序 ${id}${note ? `: ${note}` : ''}`,
    at: now,
  });

  const effect = await applyEffect(x, ch, note);
  const next = await nextCard(x, { id, seq, procedure: p, dueAt, stepDueAt: due.stepDueAt });
  const told =
    effect.text && x.task && x.task.cadre !== actor.userid ? [{ touser: x.task.cadre, content: effect.text }] : [];
  const arrow = from ? `${from} → ${stateLabel(p)}` : `已提出，下一步「${stateLabel(p)}」`;
  return answer(`编号 ${c.number}：${arrow}，已记录。${effect.text ?? ''}${next.line}`, {
    changed: true,
    villagers: effect.villagers,
    notices: told,
    cards: next.cards,
  });
}

async function applyEffect(
  x: CaseContext,
  ch: ProcedureChange,
  note: string,
): Promise<{ text: string | null; villagers: string[] }> {
  const p = ch.procedure;
  if (ch.effect === 'none') return { text: null, villagers: [] };
  const event: CaseEvent =
    ch.effect === 'withdraw' ? (p.kind === 'exit' ? 'withdraw_removal' : 'withdraw') : EFFECT_EVENT[ch.effect];
  const label =
    ch.effect === 'include'
      ? MONITORING_LABEL[p.category!]
      : ch.effect === 'remove'
        ? REMOVAL_MODE_LABEL[p.removalMode ?? 'assisted']
        : note;
  const out = await caseStep(x, event, label, ch.effect === 'include' ? { monitoringKind: p.category! } : {});
  if (!out.changed) throw new Error(`procedure effect ${ch.effect} not allowed from case state ${x.c.state}`);
  if (ch.effect === 'reverse' && x.c.householdId)
    await x.store.procedures.revertHousehold(x.c.householdId, ch.priorStatus ?? 'lifted', x.now);
  const text = {
    include: `已纳入监测（${label}）。`,
    reject: '认定未通过，不纳入监测。',
    reverse: '绿色通道核查未通过，已撤销纳入。',
    withdraw: p.kind === 'exit' ? '风险消除未通过，继续帮扶。' : '已退回提出人，可修改后重新提出。',
    remove: `风险已消除（${label}），请按时回头看。`,
  }[ch.effect];
  return { text: `编号 ${x.c.number}：${text}`, villagers: out.villagers };
}

async function nextCard(
  x: CaseContext,
  s: { id: number; seq: number; procedure: Procedure; dueAt: Date; stepDueAt: Date | null },
): Promise<{ line: string; cards: NonNullable<CadreOutcome['cards']> }> {
  const role = whoseTurn(s.procedure, x.deps.policy)[0];
  if (!role) return { line: '', cards: [] };
  const touser = await x.store.procedures.cadreForRole(x.c.householdId, x.c.villageId, role);
  if (!touser) return { line: `请联系${ROLE_LABEL[role]}办理下一步（系统中没有找到负责人）。`, cards: [] };
  const view: ProcedureCardView = {
    procedureId: s.id,
    seq: s.seq,
    caseNumber: x.c.number,
    headName: x.c.headName,
    villageName: x.c.villageName,
    incomePerCapita: x.c.incomePerCapita,
    procedure: s.procedure,
    stepDueAt: s.stepDueAt,
    dueAt: s.dueAt,
    overdue: overdueWarnings(s.procedure, x.now, x.deps.policy, x.deps.timeZone),
  };
  const card = procedureCard(view, x.deps.timeZone);
  const line = touser === x.actor.userid ? '下一步仍由您办理，卡片随后送达。' : `已通知${ROLE_LABEL[role]}办理下一步。`;
  return { line, cards: [{ touser, card, key: `${s.id}-${s.seq}-${touser}` }] };
}
