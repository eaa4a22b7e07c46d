import { RISK_LABEL, type RiskType } from '../policy.js';

/** WeCom's task_id for a visit's 上报 offer: one per visit. */
export const visitCardId = (visitId: number) => `sw-visit-${visitId}`;
export function visitOfCard(cardTaskId: string): number | null {
  const m = /^sw-visit-(\d+)$/.exec(cardTaskId);
  return m ? Number(m[1]) : null;
}

/** The button on the offer. */
export const VISIT_REPORT_KEY = 'visit-report';

export const riskLabels = (types: readonly RiskType[]) => types.map((t) => RISK_LABEL[t]).join('、');

/** "发现风险，要上报吗？": a visit note that reads as a risk, offered for 上报 with one press. */
export function visitReportCard(v: {
  visitId: number;
  headName: string;
  villageName: string;
  riskTypes: readonly RiskType[];
  note: string;
}): Record<string, unknown> {
  return {
    card_type: 'button_interaction',
    source: { desc: '守望·防返贫监测', desc_color: 3 },
    main_title: { title: '发现风险，要上报吗？', desc: `${v.headName}户（${v.villageName}）` },
    sub_title_text: `走访记录：${v.note}`.slice(0, 100),
    horizontal_content_list: [
      { keyname: '农户', value: `${v.headName}户（${v.villageName}）` },
      { keyname: '读出的风险', value: riskLabels(v.riskTypes) || '未识别' },
    ],
    task_id: visitCardId(v.visitId),
    button_list: [{ key: VISIT_REPORT_KEY, text: '上报', style: 1 }],
  };
}
