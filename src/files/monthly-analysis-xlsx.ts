import { RISK_LABEL } from '../domain/policy.js';
import type { HouseholdsPersons } from '../domain/statistics/facts.js';
import { CHANNEL_LABEL, type Channel, TASK_STEP_LABEL } from '../domain/statistics/facts.js';
import { type Flow, OUTCOME_LABEL, OUTCOMES, type OutcomeCounts } from '../domain/statistics/monthly-analysis.js';
import type { MonthlyAnalysis } from '../domain/use-cases/show-monthly-analysis.js';
import { addSheet, type SheetColumn, newWorkbook } from './excel-sheet.js';

const n = (header: string, key: string, width = 12, numFmt?: string): SheetColumn => ({
  header,
  key,
  width,
  type: 'number',
  numFmt,
});
const FLOW: SheetColumn[] = [
  n('新识别（户）', 'newH'),
  n('新识别（人）', 'newP'),
  n('风险消除（户）', 'remH'),
  n('风险消除（人）', 'remP'),
  n('未消除（户，期末）', 'openH', 16),
  n('未消除（人，期末）', 'openP', 16),
];
const flowRow = (f: Flow) => {
  const hp = (x: HouseholdsPersons) => [x.households, x.persons];
  const [newH, newP] = hp(f.newIdentified);
  const [remH, remP] = hp(f.removed);
  const [openH, openP] = hp(f.notRemoved);
  return { newH, newP, remH, remP, openH, openP };
};
const OUTCOME_COLS: SheetColumn[] = [
  n('预警', 'total'),
  ...OUTCOMES.map((o) => n(OUTCOME_LABEL[o], o)),
  n('纳入率', 'rate', 10, '0.0%'),
];
// 0 of 0 stays an empty cell (no figure), never 100%.
const outcomeRow = (c: OutcomeCounts) => ({ ...c, rate: c.total ? c.included / c.total : null });

/** The monthly analysis (一月一分析) as a workbook: every figure a number, one sheet per table. */
export async function monthlyAnalysisWorkbook(a: MonthlyAnalysis, place: string, timeZone: string): Promise<Buffer> {
  const wb = await newWorkbook();
  wb.creator = '守望';
  const m = a.analysis;
  const hours = (h: number | null) => (h === null ? null : Math.round(h * 10) / 10);
  addSheet(
    wb,
    '本月概况',
    [{ header: '项目', key: 'item', width: 30 }, n('户', 'h', 10), n('人', 'p', 10), n('数值', 'v', 12, '0.0')],
    [
      {
        item: `${place} ${a.month.key} 新识别监测对象`,
        h: m.flow.newIdentified.households,
        p: m.flow.newIdentified.persons,
      },
      { item: '本月风险消除', h: m.flow.removed.households, p: m.flow.removed.persons },
      { item: '月末风险未消除', h: m.flow.notRemoved.households, p: m.flow.notRemoved.persons },
      { item: '首条线索到签收（小时，中位数）', v: hours(m.medianHours.acknowledged) },
      { item: '首条线索到入户核实（小时，中位数）', v: hours(m.medianHours.verified) },
      { item: '首条线索到纳入监测（小时，中位数）', v: hours(m.medianHours.included) },
      { item: '零返贫核查：已核查脱贫户', h: a.asOf.zeroReturn.checked },
      { item: '零返贫核查：收入低于监测线', h: a.asOf.zeroReturn.belowLine },
      { item: '零返贫核查：低于监测线且无人处置', h: a.asOf.zeroReturn.unhandled.length },
      ...a.asOf.overdueByStep.map((s) => ({ item: `逾期任务：${TASK_STEP_LABEL[s.step]}`, v: s.count })),
    ],
    timeZone,
  );
  addSheet(
    wb,
    '按月',
    [{ header: '月份', key: 'month', width: 10 }, ...FLOW],
    a.series.map((r) => ({ month: r.month, ...flowRow(r) })),
    timeZone,
  );
  addSheet(
    wb,
    '按风险类型',
    [{ header: '风险类型', key: 'name', width: 16 }, ...FLOW],
    m.byRiskType.map((r) => ({ name: RISK_LABEL[r.riskType], ...flowRow(r) })),
    timeZone,
  );
  addSheet(
    wb,
    '按乡镇',
    [{ header: '乡镇', key: 'name', width: 16 }, ...FLOW],
    m.byTownship.map((r) => ({ name: r.name, ...flowRow(r) })),
    timeZone,
  );
  addSheet(
    wb,
    '预警渠道',
    [{ header: '渠道', key: 'name', width: 16 }, ...OUTCOME_COLS],
    m.byChannel.map((r) => ({ name: CHANNEL_LABEL[r.channel as Channel] ?? r.channel, ...outcomeRow(r) })),
    timeZone,
  );
  addSheet(
    wb,
    '部门预警',
    [{ header: '部门', key: 'name', width: 16 }, ...OUTCOME_COLS],
    m.byDepartment.map((r) => ({ name: r.department, ...outcomeRow(r) })),
    timeZone,
  );
  addSheet(
    wb,
    '走访合规',
    [
      { header: '周一', key: 'week', width: 12, type: 'day' },
      n('应走访联系', 'due'),
      n('完成', 'done'),
      n('完成率', 'rate', 10, '0.0%'),
    ],
    a.asOf.compliance.map((w) => ({ week: w.weekStart, due: w.due, done: w.done, rate: w.rate })),
    timeZone,
  );
  return Buffer.from(await wb.xlsx.writeBuffer());
}
