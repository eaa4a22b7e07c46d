import type { Places, ScreenedFilter, ScreenedFound, ScreenedRow } from '../domain/ports/console.js';
import type { ScreenedMeasure } from '../domain/triage/screen-department-row.js';
import { dataTable } from './data-table.js';
import { dateTime } from './dates.js';
import { html, options, type Raw } from './html.js';
import { placeFilters } from './place-filters.js';

export const MEASURE_LABEL: Record<ScreenedMeasure, string> = {
  inpatient_self_paid: '医疗自付',
  outpatient_monthly: '门诊慢特病（月均）',
  schooling_self_paid: '教育支出',
  income_per_capita: '人均纯收入',
};
const measureLabel = (m: string | null) => (m ? (MEASURE_LABEL[m as ScreenedMeasure] ?? m) : '其他');
const yuan = (n: number | null) => (n === null ? '' : `${n.toLocaleString('en-US')} 元`);

/** 未达预警标准: department rows kept and counted but given no task, each with the reason. */
export function belowThresholdPage(
  { found, places }: { found: ScreenedFound; places: Places },
  f: ScreenedFilter,
  ctx: { county: boolean; timeZone: string },
): Raw {
  const total = found.counts.reduce((n, c) => n + c.n, 0);
  return html`<h1>未达预警标准</h1>
<p class="muted">部门推送的数据按本县政策标准（结合农户类型）筛查，未达标准的只登记、计数，不派任务。</p>
<form class="filters" method="get" action="/console/screened">${placeFilters(places, f, ctx.county)}
<label>部门<select name="department">${options(
    found.departments.map((d) => [d, d] as const),
    f.department,
  )}</select></label>
<label>指标<select name="measure">${options(
    Object.entries(MEASURE_LABEL).map(([k, v]) => [k, v] as const),
    f.measure,
  )}</select></label><button>筛选</button></form>
<div class="card" id="screened-totals">共 <b>${total}</b> 条${
    found.counts.length ? `：${found.counts.map((c) => `${measureLabel(c.measure)} ${c.n} 条`).join('，')}` : ''
  }${total > found.rows.length ? `（下表列出最近 ${found.rows.length} 条）` : ''}</div>
${dataTable<ScreenedRow>(
  'screened',
  [
    { head: '时间', cell: (r) => dateTime(r.at, ctx.timeZone) },
    { head: '部门', cell: (r) => r.department },
    { head: '农户', cell: (r) => (r.head ? `${r.head}户` : html`<span class="muted">未匹配</span>`) },
    { head: '村', cell: (r) => r.village },
    { head: '指标', cell: (r) => measureLabel(r.measure) },
    { head: '金额', cell: (r) => yuan(r.amountYuan) },
    { head: '标准', cell: (r) => yuan(r.thresholdYuan) },
    { head: '原因', cell: (r) => r.reason },
  ],
  found.rows,
  '没有未达预警标准的数据',
)}`;
}
