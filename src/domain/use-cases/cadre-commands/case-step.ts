import { isClosed, STATE_LABEL, transition, type CaseEvent, type CaseState } from '../../cases/case-lifecycle.js';
import type { NewMeasure } from '../../assistance/measure.js';
import { maskSecrets } from '../../privacy.js';
import { dueForNewPlan, visitPlan } from '../../schedule/visit-plan.js';
import { formatLocal } from '../../local-time.js';
import type { MonitoringKind } from '../../types.js';
import type { CadreOutcome, TaskClock } from '../../ports/cadre.js';
import { villagerStatusText } from '../../cadre/villager-status.js';
import { answer, type CaseContext } from './command-context.js';

const DAY = 86_400_000;

/** A typed measure of 一户一策 (帮扶 编号 类型 …), recorded by the 帮扶 step instead of a text line. */
export type TypedMeasure = Omit<NewMeasure, 'caseId' | 'householdId' | 'cadre' | 'at'>;

/** Which of the task's deadlines runs in each state (none while assisting: visits take over). */
const CLOCK: Partial<Record<CaseState, TaskClock>> = {
  assigned: 'ack',
  acknowledged: 'verify',
  verified: 'decide',
  risk_removed: 'review',
};

/**
 * One step of the case lifecycle (签收, 核实, 纳入, 不纳入, 帮扶, 消除, 回头看, 合并): what the state machine
 * allows, the case and household changes, the audit row, the task's next deadline and the villager's update.
 */
export async function caseStep(
  ctx: CaseContext,
  event: CaseEvent,
  note: string,
  extra: { income?: number | null; monitoringKind?: MonitoringKind; measure?: TypedMeasure } = {},
): Promise<CadreOutcome> {
  const { deps, store, actor, now, c, task } = ctx;
  // 风险消除's conditions are checked when it is proposed (propose-exit.ts); the procedure decides.
  const t = transition(c.state, event);
  if (!t.ok) return answer(`编号 ${c.number}：${t.reason}`);

  const cleanNote = maskSecrets(note).slice(0, 500);
  await store.setCaseState(
    c.id,
    {
      state: t.to,
      closed: isClosed(t.to),
      ...(event === 'verify' ? { verification: cleanNote } : {}),
      ...(event === 'include' || event === 'exclude' || event === 'revoke'
        ? { decision: event === 'include' ? 'included' : 'not_included' }
        : {}),
      ...(extra.monitoringKind ? { monitoringKind: extra.monitoringKind } : {}),
    },
    now,
  );
  if (c.householdId) {
    const change = {
      ...(extra.income != null
        ? {
            income: extra.income,
            incomeFrom: { source: 'verify' as const, by: actor.userid, caseId: c.id, note: cleanNote },
          }
        : {}),
      ...(event === 'include'
        ? {
            monitoringKind: extra.monitoringKind!,
            riskOpen: true,
            due: dueForNewPlan(visitPlan({ status: 'monitored', riskOpen: true }, deps.policy), now),
          }
        : {}),
      ...(event === 'remove_risk'
        ? { riskOpen: false, due: dueForNewPlan(visitPlan({ status: 'monitored', riskOpen: false }, deps.policy), now) }
        : {}),
    };
    if (Object.keys(change).length) await store.updateHousehold(c.householdId, change, now);
  }
  if (event === 'assist' && extra.measure)
    await store.plan.addMeasure({
      ...extra.measure,
      caseId: c.id,
      householdId: c.householdId,
      cadre: actor.userid,
      at: now,
    });
  else if (event === 'assist') await store.addMeasure(c.id, c.householdId, actor.userid, cleanNote, now);
  await store.audit({
    actor: actor.userid,
    action: event,
    entity: 'case',
    entityId: String(c.id),
    fromState: t.from,
    toState: t.to,
    note: cleanNote,
    at: now,
  });

  const reviewDueAt =
    event === 'remove_risk' ? new Date(now.getTime() + deps.policy.removal.reviewAfterDays * DAY) : undefined;
  if (task)
    await store.setTaskStep(
      task.id,
      { clock: CLOCK[t.to] ?? null, done: isClosed(t.to), ...(reviewDueAt ? { reviewDueAt } : {}) },
      now,
    );

  const status = c.reporter ? villagerStatusText(c.number, t.to) : null;
  if (status) await store.queueVillagerUpdate(c.reporter!, c.id, status, now);
  const more = reviewDueAt ? `，请于 ${formatLocal(reviewDueAt, deps.timeZone)} 前回头看` : '';
  return answer(`编号 ${c.number}：${STATE_LABEL[t.from]} → ${STATE_LABEL[t.to]}，已记录${more}。`, {
    changed: true,
    refreshTask: task?.id ?? null,
    villagers: status ? [c.reporter!] : [],
  });
}
