import { formatLocal, formatLocalDate } from '../local-time.js';
import { REMOVAL_MODE_LABEL } from '../procedure/exit-conditions.js';
import { currentStep, stateLabel, type Procedure } from '../procedure/procedure.js';
import { STEP_LABEL } from '../procedure/procedure-policy.js';
import { MONITORING_LABEL } from '../types.js';

/** What a procedure card shows the cadre whose turn it is: never an ID number or a phone. */
export interface ProcedureCardView {
  procedureId: number;
  /** The procedure's change count: a press on an older card is refused. */
  seq: number;
  caseNumber: string;
  headName: string | null;
  villageName: string | null;
  incomePerCapita: number | null;
  procedure: Procedure;
  stepDueAt: Date | null;
  dueAt: Date;
  /** Orange warnings (a step or the whole procedure overdue). */
  overdue: string[];
}

/** WeCom's task_id for a procedure card: one per procedure and change, so each is new and unique. */
export const procedureCardId = (procedureId: number, seq: number) => `sw-proc-${procedureId}-${seq}`;
export function procedureOfCard(cardTaskId: string): { procedureId: number; seq: number } | null {
  const m = /^sw-proc-(\d+)-(\d+)$/.exec(cardTaskId);
  return m ? { procedureId: Number(m[1]), seq: Number(m[2]) } : null;
}

/** The lines a reviewer needs: category (and why it was kept against the income), the village's record. */
export function procedureFacts(v: ProcedureCardView, timeZone: string): Array<{ keyname: string; value: string }> {
  const p = v.procedure;
  const out: Array<{ keyname: string; value: string }> = [];
  if (p.category) out.push({ keyname: '类别', value: MONITORING_LABEL[p.category] });
  if (p.removalMode) out.push({ keyname: '消除方式', value: REMOVAL_MODE_LABEL[p.removalMode] });
  out.push({ keyname: '人均纯收入', value: v.incomePerCapita === null ? '未核实' : `${v.incomePerCapita} 元` });
  if (p.override) out.push({ keyname: '类别说明', value: p.override.slice(0, 60) });
  if (p.review)
    out.push({
      keyname: '民主评议',
      value: `${formatLocalDate(p.review.heldOn, timeZone)} ${p.review.count}人 ${p.review.passed ? '通过' : '未通过'}`,
    });
  if (p.notice) {
    const open = p.notice.objections.filter((o) => !o.resolution).length;
    out.push({
      keyname: '公示',
      value: `${formatLocalDate(p.notice.startedAt, timeZone)}起，异议${p.notice.objections.length}条${open ? `（${open}条未处理）` : ''}`,
    });
  }
  return out;
}

/** The text form for the running step, shown on the card (a button cannot carry a reason or a record). */
export function stepHint(p: Procedure, number: string): string {
  switch (currentStep(p)) {
    case 'village_review':
      return `组织村民代表评议后回复：评议 ${number} 通过 参加12人 纪要（不通过写「不通过」）`;
    case 'notice':
      return `公示期满、异议处理完后点「通过」；登记异议：异议 ${number} 内容；处理：异议处理 ${number} 序号 结果`;
    case 'home_check':
      return `入户核实后点「通过」，或回复：通过 ${number} 核实情况`;
    default:
      return `审核后点「通过」，或回复：通过 ${number} 意见；退回请回复：退回 ${number} 原因`;
  }
}

/** The button_interaction card for the step whose turn it is. */
export function procedureCard(v: ProcedureCardView, timeZone: string): Record<string, unknown> {
  const p = v.procedure;
  const step = currentStep(p);
  const kind = p.kind === 'exit' ? '风险消除' : p.green ? '绿色通道认定' : '识别认定';
  const who = v.headName ? `${v.headName}户（${v.villageName ?? ''}）` : `未关联农户（${v.villageName ?? ''}）`;
  return {
    card_type: 'button_interaction',
    source: { desc: '守望·防返贫监测', desc_color: v.overdue.length ? 3 : p.green ? 2 : 0 },
    main_title: {
      title: `【${kind}】${step ? STEP_LABEL[step] : stateLabel(p)}`.slice(0, 26),
      desc: `编号 ${v.caseNumber}`,
    },
    sub_title_text: (v.overdue.length ? `⚠ ${v.overdue.join('；')}。` : '') + stepHint(p, v.caseNumber).slice(0, 100),
    horizontal_content_list: [
      { keyname: '农户', value: who },
      ...(v.stepDueAt ? [{ keyname: '本步时限', value: formatLocal(v.stepDueAt, timeZone) }] : []),
      ...procedureFacts(v, timeZone),
      { keyname: '程序时限', value: formatLocal(v.dueAt, timeZone) },
    ].slice(0, 6),
    task_id: procedureCardId(v.procedureId, v.seq),
    button_list: step
      ? [
          { key: 'proc-pass', text: '通过', style: 1 },
          { key: 'proc-return', text: '退回（写原因）', style: 2 },
        ]
      : [{ key: 'done', text: stateLabel(p), style: 4 }],
  };
}
