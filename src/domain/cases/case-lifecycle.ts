/**
 * The case lifecycle (签收 → 处置 → 时限 → 回头看) as an explicit state machine. Pure: callers pass in
 * whatever a guard needs and get back the next state or a Chinese reason for refusing.
 */
export const CASE_STATES = [
  'reported',
  'assigned',
  'acknowledged',
  'verified',
  'proposed',
  'included',
  'not_included',
  'merged',
  'assisting',
  'removal_proposed',
  'risk_removed',
  'reviewed',
] as const;
export type CaseState = (typeof CASE_STATES)[number];

export const STATE_LABEL: Record<CaseState, string> = {
  reported: '已上报',
  assigned: '待签收',
  acknowledged: '已签收',
  verified: '已入户核实',
  proposed: '拟纳入（认定程序中）',
  included: '已纳入监测',
  not_included: '不纳入监测',
  merged: '已合并',
  assisting: '帮扶中',
  removal_proposed: '拟消除（消除程序中）',
  risk_removed: '风险已消除',
  reviewed: '已回头看',
};

export const CASE_EVENTS = [
  'assign',
  'acknowledge',
  'verify',
  'propose',
  'propose_green',
  'include',
  'exclude',
  'withdraw',
  'revoke',
  'merge',
  'assist',
  'propose_removal',
  'withdraw_removal',
  'remove_risk',
  'review',
] as const;
export type CaseEvent = (typeof CASE_EVENTS)[number];

export const EVENT_LABEL: Record<CaseEvent, string> = {
  assign: '派发',
  acknowledge: '签收',
  verify: '入户核实',
  propose: '拟纳入',
  propose_green: '绿色通道拟纳入',
  include: '纳入监测',
  exclude: '不纳入',
  withdraw: '退回认定',
  revoke: '撤销纳入',
  merge: '合并',
  assist: '登记帮扶措施',
  propose_removal: '申请风险消除',
  withdraw_removal: '退回风险消除',
  remove_risk: '风险消除',
  review: '回头看',
};

const TRANSITIONS: Record<CaseEvent, { from: readonly CaseState[]; to: CaseState }> = {
  assign: { from: ['reported'], to: 'assigned' },
  acknowledge: { from: ['assigned'], to: 'acknowledged' },
  verify: { from: ['acknowledged'], to: 'verified' },
  // 纳入 is the procedure's (评议, 公示, 乡镇审核, 县级确认): a cadre proposes, the county confirms.
  propose: { from: ['verified'], to: 'proposed' },
  // 绿色通道 (先纳入后核查): proposed on the first report, before the home check.
  propose_green: { from: ['assigned', 'acknowledged', 'verified'], to: 'proposed' },
  include: { from: ['proposed'], to: 'included' },
  exclude: { from: ['verified', 'proposed'], to: 'not_included' },
  withdraw: { from: ['proposed'], to: 'verified' },
  // A green case's later checks can undo its inclusion.
  revoke: { from: ['included', 'assisting'], to: 'not_included' },
  merge: { from: ['assigned', 'acknowledged', 'verified'], to: 'merged' },
  // Each measure of 一户一策 is one more assist; the first one starts the assistance.
  assist: { from: ['included', 'assisting'], to: 'assisting' },
  propose_removal: { from: ['assisting'], to: 'removal_proposed' },
  withdraw_removal: { from: ['removal_proposed'], to: 'assisting' },
  remove_risk: { from: ['removal_proposed'], to: 'risk_removed' },
  review: { from: ['risk_removed'], to: 'reviewed' },
};

/** States in which nothing more happens to the case. */
export const CLOSED_STATES: readonly CaseState[] = ['not_included', 'merged', 'reviewed'];

/** What the cadre is asked to do next, per state (shown in refusals and on cards). */
const NEXT_STEP: Record<CaseState, string> = {
  reported: '等待派发',
  assigned: '请先签收',
  acknowledged: '下一步是入户核实',
  verified: '下一步是拟纳入（纳入 编号 类别）或不纳入',
  proposed: '等待民主评议、公示、乡镇审核和县级确认',
  included: '下一步是登记帮扶措施',
  not_included: '此案已办结',
  merged: '此案已办结',
  assisting: '可继续登记帮扶措施，条件具备后可申请风险消除',
  removal_proposed: '等待民主评议、公示、乡镇审核和县级确认',
  risk_removed: '下一步是回头看',
  reviewed: '此案已办结',
};

export type TransitionResult = { ok: true; from: CaseState; to: CaseState } | { ok: false; reason: string };

/** The legal next state, or why not. `blockers` are unmet guard conditions (risk removal). */
export function transition(from: CaseState, event: CaseEvent, blockers: readonly string[] = []): TransitionResult {
  const t = TRANSITIONS[event];
  if (!t.from.includes(from)) {
    if (from === t.to && event !== 'assist')
      return { ok: false, reason: `已经「${STATE_LABEL[from]}」，无需重复${EVENT_LABEL[event]}。` };
    return { ok: false, reason: `当前状态是「${STATE_LABEL[from]}」，不能${EVENT_LABEL[event]}；${NEXT_STEP[from]}。` };
  }
  if (blockers.length) return { ok: false, reason: `暂不能${EVENT_LABEL[event]}：${blockers.join('；')}。` };
  return { ok: true, from, to: t.to };
}

export function isClosed(state: CaseState): boolean {
  return CLOSED_STATES.includes(state);
}

export function nextStep(state: CaseState): string {
  return NEXT_STEP[state];
}
