import { STATE_LABEL } from '../domain/cases/case-lifecycle.js';
import { RISK_LABEL } from '../domain/policy.js';
import { type Dashboard, durationText, percentText } from '../domain/statistics/dashboard.js';
import { CHANNEL_LABEL, type Channel, type HouseholdsPersons, TASK_STEP_LABEL } from '../domain/statistics/facts.js';
import { type Flow, OUTCOME_LABEL, OUTCOMES, type OutcomeCounts } from '../domain/statistics/monthly-analysis.js';
import { type ChartSpec, chartBox, chartScripts, DASHBOARD_STYLE } from './dashboard-charts.js';
import { type Column, dataTable } from './data-table.js';
import { dateOnly } from './dates.js';
import { html, type Raw, raw } from './html.js';

const hp = (x: HouseholdsPersons) => `${x.households} 户 ${x.persons} 人`;
export const channelLabel = (c: string) => CHANNEL_LABEL[c as Channel] ?? c;

const flowColumns = <T extends Flow>(): Column<T>[] => [
  { head: '新识别', cell: (r) => hp(r.newIdentified) },
  { head: '风险消除', cell: (r) => hp(r.removed) },
  { head: '未消除（期末）', cell: (r) => hp(r.notRemoved) },
];
const outcomeColumns = <T extends OutcomeCounts>(): Column<T>[] => [
  { head: '预警', cell: (r) => r.total },
  ...OUTCOMES.map((o) => ({ head: OUTCOME_LABEL[o], cell: (r: T) => r[o] })),
  { head: '纳入率', cell: (r) => percentText(r.total ? r.included / r.total : null) },
];
const flowSeries = (rows: Flow[], of: 'households' | 'persons'): ChartSpec['series'] => [
  { name: '新识别', data: rows.map((r) => r.newIdentified[of]) },
  { name: '风险消除', data: rows.map((r) => r.removed[of]) },
  { name: '未消除', data: rows.map((r) => r.notRemoved[of]), type: 'line' },
];
const outcomeSeries = (rows: OutcomeCounts[]): ChartSpec['series'] =>
  OUTCOMES.map((o) => ({ name: OUTCOME_LABEL[o], data: rows.map((r) => r[o]), stack: 'o' }));

function panel(spec: ChartSpec, table: Raw, note: Raw | string = ''): Raw {
  return html`<section class="panel"><h2>${spec.title}</h2>${note ? html`<p class="muted">${note}</p>` : ''}${chartBox(spec)}
<details><summary>数据表</summary>${table}</details></section>`;
}

export interface DashboardPageContext {
  timeZone: string;
  /** The months the monthly XLSX can be asked for, newest first ("2026-11"). */
  months: string[];
}

/** 统计分析: the supervisor's dashboard, charts first, each with its table (cards on a phone). */
export function dashboardPage(d: Dashboard, ctx: DashboardPageContext): Raw {
  const p = d.period;
  const last = d.months[d.months.length - 1]!;
  const z = d.zeroReturn;
  const monthLabel = (m: string) => `${Number(m.slice(0, 4))}年${Number(m.slice(5))}月`;
  const specs: ChartSpec[] = [];
  const add = (s: ChartSpec) => {
    specs.push(s);
    return s;
  };
  const overdue = d.overdueByStep.reduce((n, s) => n + s.count, 0);
  const open = d.byState.filter((s) => !['not_included', 'merged', 'reviewed'].includes(s.state));

  const monthsHouseholds = add({
    id: 'chart-months',
    title: '新识别、风险消除、未消除（户，按月）',
    categories: d.months.map((m) => m.month.slice(2)),
    series: flowSeries(d.months, 'households'),
  });
  const monthsPersons = add({
    id: 'chart-months-persons',
    title: '新识别、风险消除、未消除（人，按月）',
    categories: d.months.map((m) => m.month.slice(2)),
    series: flowSeries(d.months, 'persons'),
  });
  const states = add({
    id: 'chart-states',
    title: '案件状态',
    categories: d.byState.map((s) => STATE_LABEL[s.state]),
    series: [{ name: '案件', data: d.byState.map((s) => s.count) }],
    horizontal: true,
  });
  const overdueSpec = add({
    id: 'chart-overdue',
    title: '逾期任务（按环节）',
    categories: d.overdueByStep.map((s) => TASK_STEP_LABEL[s.step]),
    series: [{ name: '逾期', data: d.overdueByStep.map((s) => s.count) }],
  });
  const compliance = add({
    id: 'chart-compliance',
    title: '走访合规（按周）',
    categories: d.compliance.map((w) => dateOnly(w.weekStart, ctx.timeZone).slice(5)),
    series: [{ name: '完成率', data: d.compliance.map((w) => w.rate), type: 'line' }],
    percent: true,
  });
  const risks = add({
    id: 'chart-risks',
    title: '按风险类型（户）',
    categories: p.byRiskType.map((r) => RISK_LABEL[r.riskType]),
    series: flowSeries(p.byRiskType, 'households'),
    horizontal: true,
  });
  const townships = add({
    id: 'chart-townships',
    title: '按乡镇（户）',
    categories: p.byTownship.map((t) => t.name),
    series: flowSeries(p.byTownship, 'households'),
  });
  const channels = add({
    id: 'chart-channels',
    title: '预警来源与结果（按渠道）',
    categories: p.byChannel.map((c) => channelLabel(c.channel)),
    series: outcomeSeries(p.byChannel),
    horizontal: true,
  });
  const departments = add({
    id: 'chart-departments',
    title: '部门预警与结果',
    categories: p.byDepartment.map((c) => c.department),
    series: outcomeSeries(p.byDepartment),
    horizontal: true,
  });

  return html`${raw(DASHBOARD_STYLE)}<h1>统计分析（一月一分析）</h1>
<form class="filters" method="get" action="/console/dashboard.xlsx"><label>月度分析报表<select name="month">${ctx.months.map(
    (m) => html`<option value="${m}">${monthLabel(m)}</option>`,
  )}</select></label><button>导出 XLSX</button><a href="/console/import/national.xlsx">上报导出（国家系统格式，县级）</a></form>
<p class="muted">统计区间：${monthLabel(d.months[0]!.month)}至${monthLabel(last.month)}；“—”表示没有可计算的数据。</p>
<div class="tiles" id="tiles">
<div class="tile"><span>本月新识别</span><b>${last.newIdentified.households} 户</b><span>${last.newIdentified.persons} 人</span></div>
<div class="tile"><span>本月风险消除</span><b>${last.removed.households} 户</b><span>${last.removed.persons} 人</span></div>
<div class="tile"><span>风险未消除</span><b>${last.notRemoved.households} 户</b><span>${last.notRemoved.persons} 人</span></div>
<div class="tile"><span>在办案件</span><b>${open.reduce((n, s) => n + s.count, 0)} 件</b><span>逾期任务 ${overdue} 项</span></div>
<div class="tile"><span>首条线索到签收（中位）</span><b>${durationText(p.medianHours.acknowledged)}</b><span>${p.medianOf.acknowledged} 件</span></div>
<div class="tile"><span>到入户核实（中位）</span><b>${durationText(p.medianHours.verified)}</b><span>${p.medianOf.verified} 件</span></div>
<div class="tile"><span>到纳入监测（中位）</span><b>${durationText(p.medianHours.included)}</b><span>${p.medianOf.included} 件</span></div>
<div class="tile" id="zero-return"><span>零返贫核查</span>${
    z.unhandled.length ? html`<b class="fail">${z.unhandled.length} 户待处置</b>` : html`<b class="pass">未发现返贫</b>`
  }<span>已核查脱贫户 ${z.checked} 户，低于监测线 ${z.belowLine} 户</span></div>
</div>
${
  z.unhandled.length
    ? html`<section class="panel"><h2>零返贫：收入低于监测线且无人处置的脱贫户</h2>${dataTable(
        'zero-return-list',
        [
          { head: '户号', cell: (h) => h.householdId },
          { head: '户主', cell: (h) => h.headName },
          { head: '乡镇', cell: (h) => h.townshipName },
          { head: '村', cell: (h) => h.villageName },
          { head: '人均纯收入（元）', cell: (h) => h.income },
        ],
        z.unhandled,
        '',
      )}<p>请尽快安排入户核实，符合条件的按程序纳入监测。</p></section>`
    : ''
}
<div class="grid2">
${panel(
  monthsHouseholds,
  dataTable<Dashboard['months'][number]>(
    'months-table',
    [{ head: '月份', cell: (r) => r.month }, ...flowColumns()],
    d.months,
    '',
  ),
)}
${panel(monthsPersons, html``)}
${panel(
  states,
  dataTable(
    'states-table',
    [
      { head: '状态', cell: (r) => STATE_LABEL[r.state] },
      { head: '案件', cell: (r) => r.count },
    ],
    d.byState,
    '',
  ),
)}
${panel(
  overdueSpec,
  dataTable(
    'overdue-table',
    [
      { head: '环节', cell: (r) => TASK_STEP_LABEL[r.step] },
      { head: '逾期', cell: (r) => r.count },
    ],
    d.overdueByStep,
    '',
  ),
)}
${panel(
  compliance,
  dataTable(
    'compliance-table',
    [
      { head: '周', cell: (w) => dateOnly(w.weekStart, ctx.timeZone) },
      { head: '应走访联系', cell: (w) => w.due },
      { head: '完成', cell: (w) => w.done },
      { head: '完成率', cell: (w) => percentText(w.rate) },
    ],
    d.compliance,
    '没有走访记录',
  ),
  '本周应走访联系次数为 0 时显示“—”。',
)}
${panel(risks, dataTable<Dashboard['period']['byRiskType'][number]>('risks-table', [{ head: '风险类型', cell: (r) => RISK_LABEL[r.riskType] }, ...flowColumns()], p.byRiskType, ''), '统计区间内；一户有多种风险时分别计入。')}
${panel(townships, dataTable<Dashboard['period']['byTownship'][number]>('townships-table', [{ head: '乡镇', cell: (r) => r.name }, ...flowColumns()], p.byTownship, ''))}
${panel(channels, dataTable<Dashboard['period']['byChannel'][number]>('channels-table', [{ head: '渠道', cell: (r) => channelLabel(r.channel) }, ...outcomeColumns()], p.byChannel, '统计区间内没有预警'))}
${panel(departments, dataTable<Dashboard['period']['byDepartment'][number]>('departments-table', [{ head: '部门', cell: (r) => r.department }, ...outcomeColumns()], p.byDepartment, '统计区间内没有部门预警'))}
</div>${chartScripts(specs)}`;
}
