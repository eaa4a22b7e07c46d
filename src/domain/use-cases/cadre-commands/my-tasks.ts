import { STATE_LABEL } from '../../cases/case-lifecycle.js';
import { formatLocal } from '../../local-time.js';
import { WARNING_HIGH } from '../../triage/warning-score.js';
import type { CadreOutcome } from '../../ports/cadre.js';
import { answer, type CommandContext } from './command-context.js';

/** 我的任务: the cadre's open tasks, most urgent first; their numbers (1, 2, 3 …) work in the next commands. */
export async function myTasks({ store, actor, deps, now }: CommandContext): Promise<CadreOutcome> {
  const { lines, total } = await store.myTasks(actor.userid, 20);
  if (total === 0) return answer('您目前没有未办结的任务。');
  await store.saveListRef(
    actor.userid,
    lines.map((l) => l.number),
    now,
  );
  const rows = lines.map((l, i) => {
    const who = l.headName ? `${l.headName}户（${l.villageName ?? ''}）` : `未匹配农户（${l.villageName ?? ''}）`;
    const due = l.nextDueAt ? `，${formatLocal(l.nextDueAt, deps.timeZone)} 前` : '';
    const tags = `${l.urgency === 'green' ? '【绿色通道】' : ''}${l.kind === 'observe' ? '【观察】' : ''}${l.score >= WARNING_HIGH ? `【预警${l.score}分】` : ''}`;
    return `${i + 1}. ${tags}${l.number} ${who} ${STATE_LABEL[l.state]}${due}`;
  });
  return answer(
    [
      `您有 ${total} 项未办结任务（绿色通道在前，其次是预警分${WARNING_HIGH}分以上的农户，再按时限）：`,
      ...rows,
      ...(total > lines.length ? [`……还有 ${total - lines.length} 项未列出，办完前面的再发送「我的任务」查看。`] : []),
      '办理时可以用序号或编号后 4 位，例如「签收 1」「核实 2 已入户」。',
    ].join('\n'),
  );
}
