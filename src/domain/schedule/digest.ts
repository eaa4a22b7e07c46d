import type { CaseState } from '../cases/case-lifecycle.js';
import { formatLocal } from '../local-time.js';
import { fitLines } from '../message-size.js';
import { WARNING_HIGH, workOrder } from '../triage/warning-score.js';
import { mergeDutyItems } from '../pair-duty/duty-digest.js';
import { groupBy } from '../group-by.js';

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
  | { kind: 'visit' | 'call'; who: string; dueAt: Date; score?: number }
  /** A step of an identification or exit procedure past its time (橙色预警). */
  | { kind: 'procedure'; number: string; who: string; step: string; dueAt: Date; green: boolean; score?: number }
  /** A pair-helper's 8个一 duty of a household due soon or overdue (merged per household in the digest). */
  | { kind: 'duty'; who: string; duty: string; dueAt: Date; overdue: boolean; score?: number };

type Group =
  | 'ack'
  | 'verify'
  | 'decide'
  | 'review'
  | 'overdue'
  | 'procedure'
  | 'visit'
  | 'call'
  | 'duty_late'
  | 'duty_soon'
  | 'escalated';

const TASK_GROUP: Partial<Record<CaseState, Group>> = {
  assigned: 'ack',
  acknowledged: 'verify',
  verified: 'decide',
  risk_removed: 'review',
};
const groupOf = (i: DigestItem): Group =>
  i.kind === 'task'
    ? (TASK_GROUP[i.state] ?? 'overdue')
    : i.kind === 'duty'
      ? i.overdue
        ? 'duty_late'
        : 'duty_soon'
      : i.kind === 'escalated'
        ? 'escalated'
        : i.kind;

/** Each group in the order shown: the count in the headline, and the sentence that opens its list. */
const GROUPS: Array<[Group, (n: number) => string, string]> = [
  ['ack', (n) => `${n} 项任务待签收`, '以下任务等待您签收：'],
  ['verify', (n) => `${n} 项任务已过入户核实时限`, '以下任务已过入户核实的时限，请尽快入户：'],
  ['decide', (n) => `${n} 项任务已过认定时限`, '以下任务已过认定的时限，请尽快提出是否纳入：'],
  ['review', (n) => `${n} 项任务到了回头看的时间`, '以下事项到了回头看的时间，请入户看看帮扶效果是否稳定：'],
  ['overdue', (n) => `${n} 项任务已逾期`, '以下任务已逾期：'],
  [
    'procedure',
    (n) => `${n} 项认定或消除程序的步骤已超时`,
    '【橙色预警】以下认定或消除程序的步骤已超过时限，请尽快办理（发送「程序 编号」查看）：',
  ],
  ['visit', (n) => `${n} 户走访已逾期`, '以下农户的入户走访已逾期：'],
  ['call', (n) => `${n} 户电话联系已逾期`, '以下农户的电话联系已逾期：'],
  [
    'duty_late',
    (n) => `${n} 户的「8个一」事项已逾期`,
    '以下农户的「8个一」事项已过时限，请尽快完成（完成后回复：8个一 户号 事项）：',
  ],
  [
    'duty_soon',
    (n) => `${n} 户的「8个一」事项快到期`,
    '以下农户的「8个一」事项快到期（完成后回复：8个一 户号 事项）：',
  ],
  ['escalated', (n) => `${n} 项逾期任务上报给您督办`, '以下逾期任务已上报给您督办：'],
];
/** List the most urgent per group, count the rest (and the message must fit WeCom's byte limit). */
const PER_GROUP = 8;

/**
 * One message per cadre per sweep, in 您 and whole sentences: a headline with the counts ("您有 3 项任务待签收，
 * 5 户走访已逾期。"), then each group in work order (绿色通道, then households scoring 高, then the soonest due;
 * see workOrder); escalated items say who was reminded and when.
 */
export function buildDigest(items: readonly DigestItem[], timeZone: string): string {
  const groups = groupBy(mergeDutyItems(items, timeZone), groupOf);
  const shown = GROUPS.filter(([g]) => groups.has(g));
  const lines = [`【守望提醒】您有 ${shown.map(([g, count]) => count(groups.get(g)!.length)).join('，')}。`];
  const at = (d: Date) => formatLocal(d, timeZone);
  for (const [g, , opening] of shown) {
    // Each item's order key made once, not two copies of the items per comparison.
    const list = groups
      .get(g)!
      .map((i) => ({ i, key: { green: isGreen(i), score: i.score, dueAt: i.dueAt } }))
      .sort((a, b) => workOrder(a.key, b.key))
      .map(({ i }) => i);
    lines.push(opening);
    list.slice(0, PER_GROUP).forEach((i, n) => {
      const green = `${isGreen(i) ? '【绿色通道】' : ''}${(i.score ?? 0) >= WARNING_HIGH ? `【预警${i.score}分】` : ''}`;
      if (i.kind === 'visit' || i.kind === 'call')
        lines.push(
          `${n + 1}. ${green}${i.who}，应于 ${at(i.dueAt)} 前${i.kind === 'visit' ? '入户走访' : '电话联系'}。`,
        );
      else if (i.kind === 'duty') lines.push(`${n + 1}. ${green}${i.who}：${i.duty}。`);
      else if (i.kind === 'procedure')
        lines.push(`${n + 1}. ${green}${i.number} ${i.who}「${i.step}」，时限是 ${at(i.dueAt)}。`);
      else if (i.kind === 'task') lines.push(`${n + 1}. ${green}${i.number} ${i.who}，时限是 ${at(i.dueAt)}。`);
      else if (i.kind === 'escalated')
        lines.push(
          `${n + 1}. ${green}${i.number} ${i.who}，时限是 ${at(i.dueAt)}，责任人是${i.holder}，已提醒：${reminded(i.reminded, at)}。`,
        );
    });
    if (list.length > PER_GROUP) lines.push(`……另有 ${list.length - PER_GROUP} 项未列出。`);
  }
  return fitLines(lines, '回复「我的任务」可查看全部任务；您办理后，提醒会自动停止。');
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
  return (i.kind === 'task' || i.kind === 'escalated' || i.kind === 'procedure') && i.green;
}
