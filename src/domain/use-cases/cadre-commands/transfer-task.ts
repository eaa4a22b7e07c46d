import { isClosed } from '../../cases/case-lifecycle.js';
import type { CadreOutcome } from '../../ports/cadre.js';
import { answer, type CaseContext } from './command-context.js';

/** 转交: the holder hands the task to a colleague of the case's township (or the county office). */
export async function transferTask({ store, actor, now, c, task }: CaseContext, to: string): Promise<CadreOutcome> {
  const taskId = task?.id ?? null;
  if (!taskId || isClosed(c.state)) return answer(`编号 ${c.number} 已办结，不能转交。`);
  const found = await store.findCadres(to);
  const colleagues = found.filter((x) => x.role === 'county' || !c.townshipId || x.townshipId === c.townshipId);
  if (colleagues.length === 0) return answer(`没有找到本乡镇的同事「${to}」，请用姓名或企业微信账号。`);
  if (colleagues.length > 1)
    return answer(
      `有 ${colleagues.length} 位同事叫「${to}」：${colleagues.map((x) => `${x.name}（${x.userid}）`).join('、')}，请用账号转交。`,
    );
  const target = colleagues[0]!;
  if (target.userid === actor.userid) return answer(`编号 ${c.number} 已经由您负责。`);
  const newTask = await store.transferTask(taskId, target.userid, now);
  await store.audit({
    actor: actor.userid,
    action: 'transfer',
    entity: 'case',
    entityId: String(c.id),
    fromState: c.state,
    toState: c.state,
    note: `task ${taskId} → ${newTask}: ${target.userid}`,
    at: now,
  });
  return answer(`编号 ${c.number} 已转交给 ${target.name}。`, {
    changed: true,
    refreshTask: taskId, // the old card now says 已转交他人
    newTasks: [newTask],
    notices: [{ touser: target.userid, content: `${actor.name}把编号 ${c.number} 转交给您办理，任务卡片随后送达。` }],
  });
}
