import { isClosed, nextStep, STATE_LABEL, type CaseState } from '../cases/case-lifecycle.js';
import { RISK_LABEL, type RiskType } from '../policy.js';
import { maskIdNumber, maskSecrets } from '../privacy.js';
import { formatLocal } from '../local-time.js';
import { MAX_OPTIONS, type HouseholdOption } from '../triage/decide-match.js';
import { whyLine } from '../triage/why-line.js';
import { linkButtonKey, type ButtonKey } from './button-command.js';

/** What a cadre's task card shows: never a full ID number or a phone. */
export interface TaskView {
  taskId: number;
  taskState: 'open' | 'done' | 'transferred';
  cadre: string;
  caseNumber: string;
  caseState: CaseState;
  urgency: 'green' | 'normal';
  /** 观察 (an income between the lines) or a full case. */
  kind: 'case' | 'observe';
  riskTypes: RiskType[];
  headName: string | null;
  villageName: string | null;
  headIdNumber: string | null;
  summary: string;
  channel: string;
  ackDueAt: Date | null;
  verifyDueAt: Date | null;
  decideDueAt: Date | null;
  reviewDueAt: Date | null;
  /** 待关联: the households the report may be about (empty once linked). */
  candidates: HouseholdOption[];
  /** 一户一策 suggestions once the household is monitored (建议措施, never applied by themselves). */
  suggestion?: string;
  /** What triage kept on the case (rules fired, model features): the card's 为什么 line. */
  rulesFired?: unknown[];
  /** The last step taken on the case by a person: who, when, which (an audit action). */
  lastStep?: { name: string; at: Date; action: string } | null;
}

/** How a card names the last step. */
const STEP_LABEL: Record<string, string> = {
  acknowledge: '签收',
  verify: '入户核实',
  include: '纳入监测',
  exclude: '不纳入',
  assist: '登记帮扶',
  remove_risk: '风险消除',
  review: '回头看',
  merge: '合并',
  link: '关联农户',
  'link-none': '关联农户',
  reassign: '改派',
  transfer: '转交',
};

/** WeCom's task_id: unique per app, letters, digits and _-@ only. */
export const cardTaskId = (taskId: number) => `sw-task-${taskId}`;
/** A card sent afresh for a task (its first card can no longer be redrawn): a new task_id, as WeCom wants them unique. */
export const freshCardId = (taskId: number, key: string) => `sw-task-${taskId}-r${key}`;
export function taskIdOfCard(cardTaskId: string): number | null {
  const m = /^sw-task-(\d+)(?:-r[\w-]+)?$/.exec(cardTaskId);
  return m ? Number(m[1]) : null;
}

const BUTTONS: Partial<Record<CaseState, Array<{ key: ButtonKey; text: string; style: number }>>> = {
  assigned: [
    { key: 'ack', text: '签收', style: 1 },
    { key: 'help', text: '需要协助', style: 2 },
  ],
  acknowledged: [
    { key: 'verify', text: '已入户核实', style: 1 },
    { key: 'help', text: '需要协助', style: 2 },
  ],
  verified: [{ key: 'help', text: '需要协助', style: 2 }],
  included: [{ key: 'help', text: '需要协助', style: 2 }],
  assisting: [{ key: 'help', text: '需要协助', style: 2 }],
};

/**
 * The buttons that fit the task's current step (none once it is closed or handed over). A 待关联 case
 * asks first which household it is: 是 X 户 for each candidate, then 都不是.
 */
export function cardButtons(v: TaskView): Array<{ key: string; text: string; style: number }> {
  if (v.taskState !== 'open' || isClosed(v.caseState)) return [];
  if (v.candidates.length) {
    const heads = v.candidates.map((c) => c.headName);
    const picks = v.candidates.slice(0, MAX_OPTIONS).map((c) => ({
      key: linkButtonKey(c.householdId),
      // Two heads of one name are told apart by their group.
      text: heads.filter((h) => h === c.headName).length > 1 ? `是${c.headName}户·${c.groupName}` : `是${c.headName}户`,
      style: 1,
    }));
    return [...picks, { key: linkButtonKey(null), text: '都不是', style: 2 }];
  }
  return BUTTONS[v.caseState] ?? [];
}

/** What the cadre chooses between on a 待关联 card, and the text form for a household not listed. */
function candidateQuote(v: TaskView): Record<string, unknown> | null {
  if (!v.candidates.length || v.taskState !== 'open') return null;
  const lines = v.candidates.map((c, i) => `${i + 1}. ${c.headName}户（${c.villageName}${c.groupName}）：${c.person}`);
  return {
    type: 0,
    title: '待关联：请确认是哪一户',
    quote_text: [...lines, `不在其中请回复：关联 ${v.caseNumber} 户号或户主姓名`].join('\n').slice(0, 500),
  };
}

function dueLine(v: TaskView, timeZone: string): { keyname: string; value: string } | null {
  const at = (d: Date | null, keyname: string) => (d ? { keyname, value: formatLocal(d, timeZone) } : null);
  switch (v.caseState) {
    case 'assigned':
      return at(v.ackDueAt, '签收时限');
    case 'acknowledged':
      return at(v.verifyDueAt, '核实时限');
    case 'verified':
      return at(v.decideDueAt, '认定时限');
    case 'risk_removed':
      return at(v.reviewDueAt, '回头看');
    default:
      return null;
  }
}

/** The button_interaction card for a task, in its current state. */
export function taskCard(v: TaskView, timeZone: string, cardId = cardTaskId(v.taskId)): Record<string, unknown> {
  const types = v.riskTypes.length ? v.riskTypes.map((t) => RISK_LABEL[t]).join('、') : '待核实';
  const who = v.headName
    ? `${v.headName}户（${v.villageName ?? ''}）`
    : v.candidates.length
      ? `待关联（${v.candidates.length} 户可能）`
      : `未匹配到农户${v.villageName ? `（${v.villageName}）` : ''}`;
  const quote = candidateQuote(v);
  const state = v.taskState === 'transferred' ? '已转交他人' : STATE_LABEL[v.caseState];
  const due = dueLine(v, timeZone);
  const why = whyLine(v.rulesFired ?? []);
  const buttons = cardButtons(v);
  return {
    card_type: 'button_interaction',
    source: { desc: '守望·防返贫监测', desc_color: v.urgency === 'green' ? 2 : 0 },
    main_title: {
      title: `${v.urgency === 'green' ? '【绿色通道】' : v.kind === 'observe' ? '【观察】' : '【预警】'}${types}`.slice(
        0,
        26,
      ),
      desc: `编号 ${v.caseNumber}`,
    },
    sub_title_text: maskSecrets(v.summary).slice(0, 120),
    ...(quote ? { quote_area: quote } : {}),
    horizontal_content_list: [
      { keyname: '农户', value: who },
      ...(v.headIdNumber ? [{ keyname: '户主证件', value: maskIdNumber(v.headIdNumber) }] : []),
      { keyname: '来源', value: v.channel },
      { keyname: '状态', value: v.taskState === 'open' ? `${state}（${nextStep(v.caseState)}）`.slice(0, 30) : state },
      ...(due ? [due] : []),
      ...(v.suggestion ? [{ keyname: '建议措施', value: v.suggestion.slice(0, 60) }] : []),
      ...(v.lastStep
        ? [
            {
              keyname: '最近办理',
              value: `${v.lastStep.name} ${formatLocal(v.lastStep.at, timeZone)} ${STEP_LABEL[v.lastStep.action] ?? v.lastStep.action}`,
            },
          ]
        : []),
      ...(why ? [{ keyname: '为什么', value: why }] : []),
    ].slice(0, 6), // WeCom shows at most 6; who acted last matters more than why, once someone has
    task_id: cardId,
    button_list: buttons.length ? buttons : [{ key: 'done', text: state, style: 4 }],
  };
}
