import { isClosed } from '../cases/case-lifecycle.js';
import type { CadreOutcome, CadreRef, CaseRow, HouseholdRef, OpenTask } from '../ports/cadre.js';
import { ROLE_LABEL } from '../types.js';
import { linkCase, type LinkContext, type LinkVia } from './link-case.js';

const answer = (reply: string, extra: Partial<CadreOutcome> = {}): CadreOutcome => ({
  changed: false,
  reply,
  refreshTask: null,
  newTasks: [],
  notices: [],
  villagers: [],
  ...extra,
});

const NONE_RE = /^(?:都不是|都不对|无|没有)$/;

/**
 * 关联 编号 户号或户主姓名: the household by id or head name among those the actor may link (in their
 * charge, or the case's 待关联 candidates); several of one name are listed so the actor picks by 户号.
 * Anyone above in the chain may correct a link made below: linkCase records the household it replaces.
 */
export async function linkByTarget(
  ctx: LinkContext & { find(target: string): Promise<HouseholdRef[]> },
  c: CaseRow,
  task: OpenTask | null,
  target: string,
  via: LinkVia,
): Promise<CadreOutcome> {
  if (NONE_RE.test(target)) return linkCase(ctx, c, task, null, via);
  const offered = c.candidates.filter((x) => x.householdId === target || x.headName === target);
  const found = [
    ...new Map([
      ...(await ctx.find(target)).map((h) => [h.id, h.id] as const),
      ...offered.map((x) => [x.householdId, x.householdId] as const),
    ]).keys(),
  ];
  if (found.length === 0)
    return answer(
      `编号 ${c.number}：在您负责的农户和候选户中没有找到「${target}」，请用户号（例：关联 ${c.number} H0000123）。`,
    );
  if (found.length > 1)
    return answer(`编号 ${c.number}：有 ${found.length} 户叫「${target}」（户号 ${found.join('、')}），请用户号关联。`);
  return linkCase(ctx, c, task, found[0]!, via);
}

/**
 * 改派 编号 同事: someone in charge of the case (its holder or the chain above) gives its open task to a
 * colleague of the case's township (or the county office); audited, both told, the new holder gets a card.
 */
export async function reassignCase(
  { store, actor, now }: LinkContext,
  c: CaseRow,
  task: OpenTask | null,
  to: string,
  via: LinkVia,
): Promise<CadreOutcome> {
  if (!task || isClosed(c.state)) return answer(`编号 ${c.number} 没有在办的任务，不能改派。`);
  const found = (await store.findCadres(to)).filter(
    (x) => x.role === 'county' || !c.townshipId || x.townshipId === c.townshipId,
  );
  if (found.length === 0) return answer(`没有找到本乡镇的同事「${to}」，请用姓名或企业微信账号。`);
  if (found.length > 1)
    return answer(
      `有 ${found.length} 位同事叫「${to}」：${found.map((x) => `${x.name}（${x.userid}）`).join('、')}，请用账号改派。`,
    );
  const target: CadreRef = found[0]!;
  if (target.userid === task.cadre) return answer(`编号 ${c.number} 已经由 ${target.name} 办理。`);
  const newTask = await store.transferTask(task.id, target.userid, now);
  await store.audit({
    actor: actor.userid,
    action: 'reassign',
    entity: 'case',
    entityId: String(c.id),
    fromState: c.state,
    toState: c.state,
    note: `改派（${via === 'console' ? '控制台' : '指令'}）：task ${task.id} ${task.cadre} → ${newTask}: ${target.userid}`,
    at: now,
  });
  const who = c.headName ? `${c.headName}户（${c.villageName ?? ''}）` : `未关联农户（${c.villageName ?? '村未知'}）`;
  const by = `${ROLE_LABEL[actor.role]}${actor.name}`;
  return answer(`编号 ${c.number} 已改派给 ${ROLE_LABEL[target.role]}${target.name}。`, {
    changed: true,
    refreshTask: task.id,
    newTasks: [newTask],
    notices: [
      { touser: target.userid, content: `${by}把编号 ${c.number}（${who}）改派给您办理，任务卡片随后送达。` },
      ...(task.cadre !== actor.userid
        ? [{ touser: task.cadre, content: `编号 ${c.number}（${who}）已由${by}改派给${target.name}办理。` }]
        : []),
    ],
  });
}
