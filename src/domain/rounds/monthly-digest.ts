import { RISK_LABEL } from '../policy.js';
import { CHANNEL_LABEL, type Channel, type HouseholdsPersons } from '../statistics/facts.js';
import type { Dashboard } from '../statistics/dashboard.js';
import type { Analysis, Month } from '../statistics/monthly-analysis.js';
import { fitLines } from '../message-size.js';

const hp = (x: HouseholdsPersons) => `${x.households} 户 ${x.persons} 人`;
const hours = (h: number | null) => (h === null ? '—' : `${Math.round(h * 10) / 10} 小时`);

/** 一月一分析 as the county office's markdown message: the month's figures; the workbook has the rest. */
export function monthlyDigestMarkdown(
  a: { month: Month; analysis: Analysis; asOf: Pick<Dashboard, 'zeroReturn'> },
  place: string,
): string {
  const m = a.analysis;
  const [y, mo] = a.month.key.split('-').map(Number) as [number, number];
  const risks = m.byRiskType.filter((r) => r.newIdentified.households > 0 || r.notRemoved.households > 0);
  const warnings = m.byChannel.reduce((n, c) => n + c.total, 0);
  const included = m.byChannel.reduce((n, c) => n + c.included, 0);
  const z = a.asOf.zeroReturn;
  const lines = [
    `## ${place}${y}年${mo}月防返贫监测一月一分析`,
    `新识别监测对象 **${hp(m.flow.newIdentified)}**，风险消除 **${hp(m.flow.removed)}**，月末风险未消除 **${hp(m.flow.notRemoved)}**`,
    `收到预警 **${warnings}** 条，已纳入 ${included} 条${m.byChannel.length ? `（${m.byChannel.map((c) => `${CHANNEL_LABEL[c.channel as Channel] ?? c.channel} ${c.total}`).join('、')}）` : ''}`,
    `首条线索到签收中位 ${hours(m.medianHours.acknowledged)}，到入户核实 ${hours(m.medianHours.verified)}，到纳入 ${hours(m.medianHours.included)}`,
    z.unhandled.length
      ? `<font color="warning">零返贫核查：${z.unhandled.length} 户脱贫户收入低于监测线且无人处理，请督促。</font>`
      : `零返贫核查：已核查 ${z.checked} 户，收入低于监测线的 ${z.belowLine} 户均在处理中。`,
    ...(risks.length
      ? [
          '',
          '**按风险类型**（新识别 / 未消除，户）：',
          ...risks.map((r) => `${RISK_LABEL[r.riskType]} ${r.newIdentified.households} / ${r.notRemoved.households}`),
        ]
      : []),
    ...(m.byTownship.length
      ? [
          '',
          '**按乡镇**（新识别 / 消除 / 未消除，户）：',
          ...m.byTownship.map(
            (t) => `${t.name} ${t.newIdentified.households} / ${t.removed.households} / ${t.notRemoved.households}`,
          ),
        ]
      : []),
  ];
  return fitLines(lines, '\n完整报表见随后发送的 XLSX 文件。');
}
