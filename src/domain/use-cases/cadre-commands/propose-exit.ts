import type { Command } from '../../cadre/command.js';
import { transition } from '../../cases/case-lifecycle.js';
import { exitBlockers, REMOVAL_MODE_LABEL } from '../../procedure/exit-conditions.js';
import { startProcedure } from '../../procedure/procedure.js';
import type { CadreOutcome } from '../../ports/cadre.js';
import { ROLE_LABEL } from '../../types.js';
import { caseStep } from './case-step.js';
import { answer, type CaseContext } from './command-context.js';
import { recordProcedureChange } from './procedure-change.js';

/**
 * 消除 编号 [帮扶消除|自然消除]: the 帮扶责任人 proposes 风险消除 once the published conditions hold (monitored
 * half a year with a measure carried out, income stably above the line, spending and 三保障 and water
 * resolved, someone able to work); then 评议, 公示, 乡镇审核 and 县级确认 decide.
 */
export async function proposeExit(
  x: CaseContext,
  cmd: Extract<Command, { kind: 'remove_risk' }>,
): Promise<CadreOutcome> {
  const { c, actor, deps, now, store } = x;
  const allowed = deps.policy.procedure.roles.proposeExit;
  if (!allowed.includes(actor.role))
    return answer(
      `编号 ${c.number}：风险消除应由${allowed.map((r) => ROLE_LABEL[r]).join('或')}提出，您是${ROLE_LABEL[actor.role]}。`,
    );
  const t = transition(c.state, 'propose_removal');
  if (!t.ok || !c.householdId) return answer(`编号 ${c.number}：${t.ok ? '还没有关联农户。' : t.reason}`);
  if (await store.procedures.openProcedure(c.id))
    return answer(`编号 ${c.number} 还有未完成的程序（如绿色通道的核查），完成后才能申请风险消除。`);
  const ps = store.procedures;
  // One after another: the queries share the transaction's connection.
  const incomes = await ps.incomeRecords(c.householdId);
  const measures = await ps.exitMeasures(c.id, c.householdId);
  const members = await ps.memberLabours(c.householdId);
  const includedAt = await store.includedAt(c.id);
  const blockers = exitBlockers(
    { mode: cmd.mode, includedAt, incomes, measures, members, riskTypes: c.riskTypes, now, timeZone: deps.timeZone },
    deps.policy,
  );
  if (blockers.length) return answer(`编号 ${c.number}：暂不能申请风险消除：${blockers.join('；')}。`);

  const procedure = startProcedure({
    kind: 'exit',
    green: false,
    steps: [...deps.policy.procedure.exitSteps],
    category: null,
    override: null,
    removalMode: cmd.mode,
    firstClueAt: now,
    now,
  });
  const proposed = await caseStep(x, 'propose_removal', REMOVAL_MODE_LABEL[cmd.mode]);
  const out = await recordProcedureChange(
    { ...x, c: { ...c, state: 'removal_proposed' } },
    { id: null, before: null, procedure, effect: 'none', action: 'propose', note: REMOVAL_MODE_LABEL[cmd.mode] },
  );
  return { ...out, villagers: [...proposed.villagers, ...out.villagers] };
}
