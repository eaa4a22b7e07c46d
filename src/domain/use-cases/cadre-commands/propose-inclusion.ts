import type { Command } from '../../cadre/command.js';
import { transition } from '../../cases/case-lifecycle.js';
import { categoryMismatch } from '../../procedure/category-check.js';
import { identificationSteps, startProcedure } from '../../procedure/procedure.js';
import type { CadreOutcome } from '../../ports/cadre.js';
import { MONITORING_LABEL, ROLE_LABEL } from '../../types.js';
import { caseStep } from './case-step.js';
import { answer, type CaseContext } from './command-context.js';
import { recordProcedureChange } from './procedure-change.js';

/**
 * 纳入 编号 类别: 拟纳入, which starts the identification procedure (评议, 公示, 乡镇审核, 县级确认); on the
 * 绿色通道 the county confirms first and the checks follow. The category is checked against the income: a
 * mismatch is refused with the reason unless the proposer gives one for keeping it (audited, shown to reviewers).
 */
export async function proposeInclusion(
  x: CaseContext,
  cmd: Extract<Command, { kind: 'include' }>,
): Promise<CadreOutcome> {
  const { c, actor, deps, now, store } = x;
  if (!c.householdId)
    return answer(`编号 ${c.number} 还没有关联农户，不能纳入监测。请先发送「关联 ${c.number} 户号或户主姓名」。`);
  const allowed = deps.policy.procedure.roles.proposeIdentify;
  if (!allowed.includes(actor.role))
    return answer(
      `编号 ${c.number}：拟纳入应由${allowed.map((r) => ROLE_LABEL[r]).join('或')}提出，您是${ROLE_LABEL[actor.role]}。`,
    );
  const green = c.urgency === 'green';
  const t = transition(c.state, green ? 'propose_green' : 'propose');
  if (!t.ok) return answer(`编号 ${c.number}：${t.reason}`);
  if (await store.procedures.openProcedure(c.id))
    return answer(`编号 ${c.number} 已在认定程序中，发送「程序 ${c.number}」查看。`);

  const status = (await store.procedures.householdStatus(c.householdId)) ?? 'ordinary';
  const mismatch = categoryMismatch(
    { category: cmd.monitoringKind, status, incomePerCapita: c.incomePerCapita, riskTypes: c.riskTypes },
    deps.policy,
  );
  if (mismatch.length && !cmd.override)
    return answer(
      `编号 ${c.number}：类别与收入情况不符，暂不能拟纳入「${MONITORING_LABEL[cmd.monitoringKind]}」：${mismatch.join('；')}。请改用合适的类别；确需按此类别认定的，请写明理由：纳入 ${c.number} ${MONITORING_LABEL[cmd.monitoringKind]} 理由：……`,
    );

  const procedure = startProcedure({
    kind: 'identify',
    green,
    steps: identificationSteps(deps.policy, green, c.state === 'verified'),
    category: cmd.monitoringKind,
    override: mismatch.length ? cmd.override : null,
    removalMode: null,
    firstClueAt: c.openedAt ?? now,
    now,
  });
  const proposed = await caseStep(x, green ? 'propose_green' : 'propose', MONITORING_LABEL[cmd.monitoringKind]);
  if (mismatch.length)
    await store.audit({
      actor: actor.userid,
      action: 'category-override',
      entity: 'case',
      entityId: String(c.id),
      note: `${MONITORING_LABEL[cmd.monitoringKind]}：${mismatch.join('；')}；理由：${cmd.override}`.slice(0, 500),
      at: now,
    });
  const out = await recordProcedureChange(
    { ...x, c: { ...c, state: 'proposed' } },
    {
      id: null,
      before: null,
      procedure,
      effect: 'none',
      action: 'propose',
      note: `${MONITORING_LABEL[cmd.monitoringKind]}${cmd.override && mismatch.length ? `（理由：${cmd.override}）` : ''}`,
      priorStatus: status,
    },
  );
  return { ...out, villagers: [...proposed.villagers, ...out.villagers] };
}
