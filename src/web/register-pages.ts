import { localDateString } from '../domain/local-time.js';
import { RISK_LABEL } from '../domain/policy.js';
import { STEP_LABEL } from '../domain/procedure/procedure-policy.js';
import {
  procedureLabel,
  REGISTER_STATE_LABEL,
  type HouseholdsPersons,
  type RegisterFilter,
  type RegisterRow,
} from '../domain/register/register.js';
import type { RegisterView } from '../domain/use-cases/show-register.js';
import { MONITORING_LABEL } from '../domain/types.js';
import { dataTable } from './data-table.js';
import { html, options, type Raw } from './html.js';

/** The list shows this many rows; the counts are always over every household that passes the filter. */
export const REGISTER_LIST_LIMIT = 300;

const hp = (id: string, label: string, c: HouseholdsPersons) =>
  html`<div class="count" id="${id}"><span class="muted">${label}</span><br><b>${c.households}</b> 户 <b>${c.persons}</b> 人</div>`;

/** 监测对象: counts in 户 and 人, filters, and the households with their category, dates and state. */
export function registerPage(
  v: RegisterView,
  f: RegisterFilter,
  ctx: { county: boolean; timeZone: string; query: string },
): Raw {
  const day = (d: Date | null) => (d ? localDateString(d, ctx.timeZone) : '');
  const villages = v.places.villages.filter((x) => !f.township || x.townshipId === f.township);
  const c = v.counts;
  const shown = v.rows.slice(0, REGISTER_LIST_LIMIT);
  const q = ctx.query ? `?${ctx.query}` : '';
  return html`<h1>监测对象</h1>
<p class="muted">纳入监测的农户（含已消除风险的，记录长期保留）。纳入、消除日期取自办理记录；没有纳入记录的（如按监测户导入的）单独计数。</p>
<form class="filters" method="get" action="/console/register">
${
  ctx.county
    ? html`<label>乡镇<select name="township">${options(
        v.places.townships.map((t) => [t.id, t.name] as const),
        f.township,
      )}</select></label>`
    : ''
}
<label>村<select name="village">${options(
    villages.map((x) => [x.id, x.name] as const),
    f.village,
  )}</select></label>
<label>类别<select name="category">${options(Object.entries(MONITORING_LABEL) as Array<[string, string]>, f.category)}</select></label>
<label>状态<select name="state">${options(Object.entries(REGISTER_STATE_LABEL) as Array<[string, string]>, f.state)}</select></label>
<button>筛选</button> <a class="button plain" href="/console/register/notice">村级公示</a></form>
<div class="card counts" id="register-counts" style="display:flex;flex-wrap:wrap;gap:24px">
${hp('count-total', '监测对象', c.total)}${hp('count-new-month', '本月新识别', c.newThisMonth)}${hp('count-new-year', '本年新识别', c.newThisYear)}
${hp('count-removed', '风险已消除', c.removed)}${hp('count-removed-year', '其中本年消除', c.removedThisYear)}${hp('count-not-removed', '风险未消除', c.notRemoved)}
${c.noIncludedDate.households ? hp('count-no-date', '无纳入记录', c.noIncludedDate) : ''}
</div>
${v.rows.length > shown.length ? html`<p class="muted">共 ${v.rows.length} 户，下表列出前 ${shown.length} 户；请用筛选缩小范围。</p>` : ''}
<div class="scroll">${dataTable<RegisterRow>(
    'register',
    [
      { head: '户主', cell: (r) => html`<a href="/console/register/${r.householdId}${q}">${r.headName}户</a>` },
      { head: '乡镇', cell: (r) => r.townshipName },
      { head: '村', cell: (r) => r.villageName },
      { head: '类别', cell: (r) => (r.category ? MONITORING_LABEL[r.category] : '') },
      { head: '人口', cell: (r) => `${r.persons} 人` },
      { head: '风险类型', cell: (r) => r.riskTypes.map((t) => RISK_LABEL[t]).join('、') },
      { head: '纳入日期', cell: (r) => day(r.includedAt) || html`<span class="muted">无记录</span>` },
      { head: '措施', cell: (r) => `${r.measures} 项` },
      { head: '人均纯收入', cell: (r) => (r.latestIncome === null ? '' : `${r.latestIncome} 元`) },
      {
        head: '状态',
        cell: (r) =>
          html`${REGISTER_STATE_LABEL[r.state]}${r.procedure ? html`<br><span class="tag">${procedureLabel(r.procedure, STEP_LABEL)}</span>` : ''}`,
      },
      { head: '消除日期', cell: (r) => day(r.removedAt) },
    ],
    shown,
    '没有符合条件的监测对象',
  )}</div>`;
}
