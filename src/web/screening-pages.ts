import { formatLocal } from '../domain/local-time.js';
import type { ScreenedMeasure } from '../domain/triage/screen-department-row.js';
import type { placesOf } from '../store/console-store.js';
import type { belowThreshold, ScreenedFilter } from '../store/signal-store.js';
import { placeFilters } from './case-pages.js';
import { html, options, type Raw } from './html.js';

type Places = Awaited<ReturnType<typeof placesOf>>;

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
  found: Awaited<ReturnType<typeof belowThreshold>>,
  f: ScreenedFilter,
  places: Places,
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
<table id="screened"><thead><tr><th>时间</th><th>部门</th><th>农户</th><th>村</th><th>指标</th><th>金额</th><th>标准</th><th>原因</th></tr></thead><tbody>
${
  found.rows.length
    ? found.rows.map(
        (
          r,
        ) => html`<tr><td>${formatLocal(r.at, ctx.timeZone)}</td><td>${r.department}</td><td>${r.head ? `${r.head}户` : html`<span class="muted">未匹配</span>`}</td>
<td>${r.village ?? ''}</td><td>${measureLabel(r.measure)}</td><td>${yuan(r.amountYuan)}</td><td>${yuan(r.thresholdYuan)}</td><td>${r.reason}</td></tr>`,
      )
    : html`<tr><td colspan="8" class="muted">没有未达预警标准的数据</td></tr>`
}
</tbody></table>`;
}
