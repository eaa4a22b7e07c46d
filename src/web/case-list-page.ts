import { CASE_STATES, STATE_LABEL } from '../domain/cases/case-lifecycle.js';
import { RISK_LABEL, RISK_TYPES } from '../domain/policy.js';
import type { CaseListRow, CaseQuery, ListPage, Places } from '../domain/ports/console.js';
import { riskLabels, stateLabel } from './case-labels.js';
import { dataTable } from './data-table.js';
import { dateTime } from './dates.js';
import { html, options, type Raw } from './html.js';
import { pager, searchBox, sortSelect, withQuery } from './list-controls.js';
import { placeFilters } from './place-filters.js';

const SORTS = [
  ['newest', '最新上报'],
  ['deadline', '时限最近'],
  ['risk', '预警分最高'],
  ['age', '上报最早'],
] as const;

export const urgencyTag = (u: string) => (u === 'green' ? html`<span class="tag green">绿色通道</span>` : '');

/** 案件: a working list (as in DHIS2): search, filters and sorting kept in the URL, the total, pages, export. */
export function caseListPage(
  found: ListPage<CaseListRow> & { places: Places },
  q: CaseQuery,
  ctx: { county: boolean; now: Date; timeZone: string },
): Raw {
  const at = (d: Date | null) => dateTime(d, ctx.timeZone);
  const { page: _, ...filters } = q;
  const query = { ...filters, size: q.pageSize, pageSize: undefined, overdue: q.overdue };
  return html`<h1>案件</h1>
<form class="filters" method="get" action="/console/cases">${searchBox(q.q, '编号（或后4位）、姓名、身份证号、手机尾号')}
${placeFilters(found.places, q, ctx.county)}
<label>风险类型<select name="type">${options(
    RISK_TYPES.map((t) => [t, RISK_LABEL[t]] as const),
    q.type,
  )}</select></label>
<label>紧急程度<select name="urgency">${options(
    [
      ['green', '绿色通道'],
      ['normal', '一般'],
    ],
    q.urgency,
  )}</select></label>
<label>状态<select name="state">${options(
    CASE_STATES.map((s) => [s, STATE_LABEL[s]] as const),
    q.state,
  )}</select></label>
<label>逾期<select name="overdue">${options([['1', '仅逾期']], q.overdue ? '1' : '')}</select></label>
${sortSelect(SORTS, q.sort, q.pageSize)}<button>筛选</button>
<a href="${withQuery('/console/cases.xlsx', query)}">导出 XLSX</a> <a href="/console/cases">清除条件</a></form>
${pager('/console/cases', query, found.total, q.page, q.pageSize)}
${dataTable<CaseListRow>(
  'cases',
  [
    { head: '编号', cell: (r) => html`<a href="/console/cases/${r.number}">${r.number}</a> ${urgencyTag(r.urgency)}` },
    { head: '农户', cell: (r) => (r.head ? `${r.head}户` : html`<span class="muted">未匹配</span>`) },
    { head: '村', cell: (r) => r.village },
    { head: '风险类型', cell: (r) => riskLabels(r.riskTypes) },
    { head: '预警分', cell: (r) => r.warningScore ?? '' },
    { head: '状态', cell: (r) => stateLabel(r.state) },
    { head: '责任人', cell: (r) => r.holder },
    { head: '时限', cell: (r) => at(r.dueAt), className: (r) => (r.dueAt && r.dueAt < ctx.now ? 'late' : '') },
    { head: '上报时间', cell: (r) => at(r.openedAt) },
  ],
  found.rows,
  '没有符合条件的案件',
)}`;
}
