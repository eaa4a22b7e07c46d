import type { ProcedureCommand } from '../../cadre/procedure-command.js';
import { reviewDay } from '../../cadre/procedure-command.js';
import { formatLocal } from '../../local-time.js';
import { participantsOf } from '../../procedure/procedure.js';
import { actOnProcedure, stateLabel, whoseTurn, type ProcedureAction } from '../../procedure/procedure.js';
import { overdueWarnings, procedureDueAt, stepDueAt } from '../../procedure/procedure-deadlines.js';
import { STEP_LABEL } from '../../procedure/procedure-policy.js';
import type { CadreOutcome } from '../../ports/cadre.js';
import { ROLE_LABEL } from '../../types.js';
import { answer, type CaseContext } from './command-context.js';
import { recordProcedureChange } from './procedure-change.js';

/** The pure action a command asks for (null for 程序, which only reads). */
function actionOf(cmd: ProcedureCommand, x: CaseContext): ProcedureAction | null {
  switch (cmd.kind) {
    case 'proc_pass':
      return { kind: 'pass', note: cmd.note };
    case 'proc_return':
      return { kind: 'return', reason: cmd.reason };
    case 'proc_reject':
      return { kind: 'reject', reason: cmd.reason };
    case 'proc_review':
      return {
        kind: 'review',
        review: {
          heldOn: reviewDay(cmd.heldOn, x.now, x.deps.timeZone),
          participants: cmd.participants,
          count: cmd.count,
          passed: cmd.passed,
          minutes: cmd.minutes,
        },
      };
    case 'proc_objection':
      return { kind: 'objection', text: cmd.text };
    case 'proc_resolve':
      return { kind: 'resolve', index: cmd.index, resolution: cmd.resolution };
    case 'proc_status':
      return null;
  }
}

const noteOf = (a: ProcedureAction): string =>
  a.kind === 'pass'
    ? a.note
    : a.kind === 'return' || a.kind === 'reject'
      ? a.reason
      : a.kind === 'review'
        ? `${a.review.passed ? '通过' : '不通过'}，${participantsOf(a.review)}${a.review.minutes ? `，${a.review.minutes}` : ''}`
        : a.kind === 'objection'
          ? a.text
          : `第${a.index}条：${a.resolution}`;

/**
 * 评议 / 异议 / 异议处理 / 通过 / 退回 / 不通过 / 程序 on the case's running procedure: the pure step decides
 * (role, order, 公示 days, objections); the change is stored, audited, and the next cadre gets a card.
 */
export async function procedureAction(x: CaseContext, cmd: ProcedureCommand): Promise<CadreOutcome> {
  const { c, deps, now, store, actor } = x;
  const stored = await store.procedures.openProcedure(c.id);
  if (!stored)
    return answer(
      `编号 ${c.number} 目前没有进行中的认定或消除程序。${c.state === 'verified' ? `拟纳入请发送：纳入 ${c.number} 类别` : ''}`,
    );
  const action = actionOf(cmd, x);
  if (!action) return answer(statusText(x, stored.procedure));
  const r = actOnProcedure(stored.procedure, action, { role: actor.role }, now, deps.policy);
  if (!r.ok) {
    await store.audit({
      actor: actor.userid,
      action: 'refused',
      entity: 'case',
      entityId: String(c.id),
      note: `程序 ${stored.id} ${cmd.kind}: ${r.reason}`.slice(0, 500),
      at: now,
    });
    return answer(`编号 ${c.number}：${r.reason}`);
  }
  return recordProcedureChange(x, {
    id: stored.id,
    before: stored.procedure,
    procedure: r.procedure,
    effect: r.effect,
    action: action.kind,
    note: noteOf(action),
    data: action.kind === 'review' ? action.review : undefined,
    priorStatus: stored.priorStatus,
  });
}

function statusText(x: CaseContext, p: Parameters<typeof stateLabel>[0]): string {
  const { deps, now, c } = x;
  const kind = p.kind === 'exit' ? '风险消除' : p.green ? '绿色通道认定' : '识别认定';
  const steps = p.steps.map((s, i) => `${i < p.at ? '✓' : i === p.at ? '▶' : '·'}${STEP_LABEL[s]}`).join(' → ');
  const roles = whoseTurn(p, deps.policy)
    .map((r) => ROLE_LABEL[r])
    .join('或');
  const due = stepDueAt(p, deps.policy, deps.timeZone);
  const warn = overdueWarnings(p, now, deps.policy, deps.timeZone);
  return [
    `编号 ${c.number} ${kind}程序：${stateLabel(p)}`,
    steps,
    ...(roles && due ? [`现在由${roles}办理，时限 ${formatLocal(due, deps.timeZone)}`] : []),
    `程序时限 ${formatLocal(procedureDueAt(p, deps.policy, deps.timeZone), deps.timeZone)}`,
    ...warn.map((w) => `⚠ ${w}`),
  ].join('\n');
}
