import { isClosed } from '../cases/case-lifecycle.js';
import type { CadreOutcome, CadreRef, CadreStore, CaseRow, OpenTask } from '../ports/cadre.js';

export interface LinkContext {
  store: CadreStore;
  actor: CadreRef;
  now: Date;
}

/** How the link was asked for, for the audit row. */
export type LinkVia = 'button' | 'command' | 'console' | 'villager';

const VIA_LABEL: Record<LinkVia, string> = {
  button: '卡片按钮',
  command: '指令',
  console: '控制台',
  villager: '村民补充身份',
};

const outcome = (reply: string, extra: Partial<CadreOutcome> = {}): CadreOutcome => ({
  changed: false,
  reply,
  refreshTask: null,
  newTasks: [],
  notices: [],
  villagers: [],
  ...extra,
});

/**
 * 关联: a cadre in charge says which household a case is about (one of its 待关联 candidates, or any
 * household in their charge), or 都不是 (householdId null). The link is audited, the task moves along
 * the chain to whoever is responsible for that household (the old card is redrawn, the new cadre gets
 * a card), and a case already closed is left alone. The caller has checked the actor may act on the case.
 */
export async function linkCase(
  { store, actor, now }: LinkContext,
  c: CaseRow,
  task: OpenTask | null,
  householdId: string | null,
  via: LinkVia,
): Promise<CadreOutcome> {
  if (isClosed(c.state)) return outcome(`编号 ${c.number} 已办结，不能再关联农户。`);
  const offered = c.candidates.map((x) => x.householdId).join(',');
  if (householdId === null) {
    if (c.householdId === null && c.matchMethod === 'unmatched')
      return outcome(`编号 ${c.number} 已记为未匹配农户。`, { refreshTask: task?.id ?? null });
    await store.linkCase(c.id, { householdId: null, villageId: c.villageId, method: 'unmatched' }, now);
    await store.audit({
      actor: actor.userid,
      action: 'link-none',
      entity: 'case',
      entityId: String(c.id),
      note: `都不是（${VIA_LABEL[via]}）；原户 ${c.householdId ?? '无'}；候选 ${offered || '无'}`,
      at: now,
    });
    return outcome(`编号 ${c.number}：已记为“都不是”。查到是哪一户后，请回复「关联 ${c.number} 户号或户主姓名」。`, {
      changed: true,
      refreshTask: task?.id ?? null,
    });
  }

  const h = await store.household(householdId);
  const mayLink =
    h && (c.candidates.some((x) => x.householdId === h.id) || (await store.inCharge(actor.userid, h.id, h.villageId)));
  if (!h || !mayLink) return outcome(`编号 ${c.number}：在您负责的农户和候选户中没有找到户号 ${householdId}。`);
  if (h.id === c.householdId) return outcome(`编号 ${c.number} 已经关联 ${h.headName}户（${h.villageName}）。`);

  await store.linkCase(c.id, { householdId: h.id, villageId: h.villageId, method: 'linked' }, now);
  await store.audit({
    actor: actor.userid,
    action: 'link',
    entity: 'case',
    entityId: String(c.id),
    note: `${h.id} ${h.headName}户（${VIA_LABEL[via]}）；原户 ${c.householdId ?? '无'}；候选 ${offered || '无'}`,
    at: now,
  });
  const who = `${h.headName}户（${h.villageName}）`;
  const responsible = await store.responsibleCadre(h.id, h.villageId);
  if (!task || !responsible || responsible === task.cadre)
    return outcome(`编号 ${c.number} 已关联 ${who}。`, { changed: true, refreshTask: task?.id ?? null });

  const newTask = await store.transferTask(task.id, responsible, now);
  await store.audit({
    actor: actor.userid,
    action: 'reassign',
    entity: 'case',
    entityId: String(c.id),
    fromState: c.state,
    toState: c.state,
    note: `关联后按责任链改派：task ${task.id} → ${newTask}: ${responsible}`,
    at: now,
  });
  return outcome(`编号 ${c.number} 已关联 ${who}，已按责任链转给该户的责任人办理。`, {
    changed: true,
    refreshTask: task.id,
    newTasks: [newTask],
    notices: [
      {
        touser: responsible,
        content: `${actor.name}确认编号 ${c.number} 是${who}的事项，由您办理，任务卡片随后送达。`,
      },
    ],
  });
}
