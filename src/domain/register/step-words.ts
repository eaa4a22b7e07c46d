import { CASE_EVENTS, EVENT_LABEL, type CaseEvent } from '../cases/case-lifecycle.js';

const MORE: Record<string, string> = {
  measure_status: '措施状态变更',
  measure_effect: '措施成效检查',
  visit: '入户走访',
  call: '电话联系',
  link: '关联农户',
  'link-none': '不是该户',
  reassign: '改派',
  transfer: '转交',
  'request-help': '请求协助',
  refused: '未获准的操作',
  'merge-signal': '新线索并入',
  'identity-added': '补充身份',
  'villager-wish': '农户补充诉求',
  'category-override': '类别与收入不符的说明',
  'procedure-propose': '提出（程序开始）',
  'procedure-pass': '通过',
  'procedure-return': '退回',
  'procedure-reject': '不通过',
  'procedure-review': '村级民主评议',
  'procedure-objection': '公示异议',
  'procedure-resolve': '异议处理',
};

/** An audit action in words for the step history; an action we have no words for is shown as stored. */
export function stepWords(action: string): string {
  if ((CASE_EVENTS as readonly string[]).includes(action)) return EVENT_LABEL[action as CaseEvent];
  return MORE[action] ?? action;
}
