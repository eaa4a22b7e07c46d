import type { CaseState } from '../cases/case-lifecycle.js';
import { formatLocal } from '../local-time.js';
import { fitLines } from '../message-size.js';
import { WARNING_HIGH, workOrder } from '../triage/warning-score.js';

/** One overdue thing in a cadre's digest. */
export type DigestItem =
  | { kind: 'task'; number: string; state: CaseState; green: boolean; who: string; dueAt: Date; score?: number }
  | {
      kind: 'escalated';
      number: string;
      state: CaseState;
      green: boolean;
      who: string;
      dueAt: Date;
      score?: number;
      holder: string;
      reminded: Array<{ name: string; at: Date }>;
    }
  | { kind: 'visit' | 'call'; who: string; dueAt: Date; score?: number };

const TASK_GROUP: Partial<Record<CaseState, string>> = {
  assigned: '待签收',
  acknowledged: '逾期未入户核实',
  verified: '逾期未认定',
  risk_removed: '待回头看',
};
const groupOf = (i: DigestItem) =>
  i.kind === 'task'
    ? (TASK_GROUP[i.state] ?? '逾期任务')
    : i.kind === 'escalated'
      ? '上报督办'
      : i.kind === 'visit'
        ? '户走访已逾期'
        : '户电话联系已逾期';
/** List the most urgent per group, count the rest (and the message must fit WeCom's byte limit). */
const PER_GROUP = 8;
const ORDER = [
  '待签收',
  '逾期未入户核实',
  '逾期未认定',
  '待回头看',
  '逾期任务',
  '户走访已逾期',
  '户电话联系已逾期',
  '上报督办',
];

/**
 * One message per cadre per sweep: a headline with the counts ("你有 3 项任务待签收，5 户走访已逾期"), then
 * each group in work order (绿色通道, then households scoring 高, then the soonest due; see workOrder); escalated items say who was reminded and when.
 */
export function buildDigest(items: readonly DigestItem[], timeZone: string): string {
  const groups = new Map<string, DigestItem[]>();
  for (const i of items) groups.set(groupOf(i), [...(groups.get(groupOf(i)) ?? []), i]);
  const names = ORDER.filter((g) => groups.has(g));
  const head = names.map((g) =>
    g.startsWith('户')
      ? `${groups.get(g)!.length} ${g}`
      : g === '上报督办'
        ? `${groups.get(g)!.length} 项逾期任务上报给你督办`
        : `${groups.get(g)!.length} 项${g}`,
  );
  const lines = [`【守望提醒】你有 ${head.join('，')}：`];
  const at = (d: Date) => formatLocal(d, timeZone);
  for (const g of names) {
    const list = [...groups.get(g)!].sort((a, b) =>
      workOrder({ ...a, green: isGreen(a) }, { ...b, green: isGreen(b) }),
    );
    lines.push(`${g}：`);
    list.slice(0, PER_GROUP).forEach((i, n) => {
      const green = `${isGreen(i) ? '【绿色通道】' : ''}${(i.score ?? 0) >= WARNING_HIGH ? `【预警${i.score}分】` : ''}`;
      if (i.kind === 'visit' || i.kind === 'call')
        lines.push(`${n + 1}. ${green}${i.who}，应于 ${at(i.dueAt)} 前${i.kind === 'visit' ? '入户走访' : '电话联系'}`);
      else if (i.kind === 'task') lines.push(`${n + 1}. ${green}${i.number} ${i.who}，时限 ${at(i.dueAt)}`);
      else if (i.kind === 'escalated')
        lines.push(
          `${n + 1}. ${green}${i.number} ${i.who}，时限 ${at(i.dueAt)}，责任人 ${i.holder}，已提醒：${reminded(i.reminded, at)}`,
        );
    });
    if (list.length > PER_GROUP) lines.push(`……另有 ${list.length - PER_GROUP} 项`);
  }
  return fitLines(lines, '回复「我的任务」查看全部，办理后提醒自动停止。');
}

/** The last three reminders by name and time, and how many before them. */
function reminded(list: Array<{ name: string; at: Date }>, at: (d: Date) => string): string {
  if (!list.length) return '无';
  const shown = list
    .slice(-3)
    .map((r) => `${r.name} ${at(r.at)}`)
    .join('、');
  return list.length > 3 ? `共 ${list.length} 次，最近：${shown}` : shown;
}

function isGreen(i: DigestItem): boolean {
  return (i.kind === 'task' || i.kind === 'escalated') && i.green;
}
