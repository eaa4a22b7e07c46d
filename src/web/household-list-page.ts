import type { HouseholdListRow, HouseholdQuery, ListPage, Places } from '../domain/ports/console.js';
import { HOUSEHOLD_STATUS, MONITORING_KIND } from './case-labels.js';
import { dataTable } from './data-table.js';
import { dateOnly } from './dates.js';
import { html, options, type Raw } from './html.js';
import { pager, searchBox, sortSelect, withQuery } from './list-controls.js';
import { placeFilters } from './place-filters.js';

const SORTS = [
  ['id', '户号'],
  ['risk', '预警分最高'],
  ['income', '人均纯收入最低'],
  ['visit', '走访最早到期'],
] as const;

/** 农户: the households in the viewer's charge as a working list, each linked to its open cases. */
export function householdListPage(
  found: ListPage<HouseholdListRow> & { places: Places },
  q: HouseholdQuery,
  ctx: { county: boolean; now: Date; timeZone: string },
): Raw {
  const { page: _, ...filters } = q;
  const query = { ...filters, size: q.pageSize, pageSize: undefined };
  return html`<h1>农户</h1>
<form class="filters" method="get" action="/console/households">${searchBox(q.q, '户号、姓名、身份证号、手机尾号')}
${placeFilters(found.places, q, ctx.county)}
<label>户类型<select name="status">${options(
    Object.entries(HOUSEHOLD_STATUS).map(([k, v]) => [k, v] as const),
    q.status,
  )}</select></label>
${sortSelect(SORTS, q.sort, q.pageSize)}<button>筛选</button> <a href="/console/households">清除条件</a></form>
${pager('/console/households', query, found.total, q.page, q.pageSize)}
${dataTable<HouseholdListRow>(
  'households',
  [
    { head: '户号', cell: (h) => h.id },
    { head: '户主', cell: (h) => h.head },
    { head: '村', cell: (h) => (ctx.county ? `${h.township} ${h.village}` : h.village) },
    {
      head: '户类型',
      cell: (h) =>
        `${HOUSEHOLD_STATUS[h.status] ?? h.status}${h.monitoringKind ? `（${MONITORING_KIND[h.monitoringKind] ?? ''}）` : ''}`,
    },
    { head: '人口', cell: (h) => h.members },
    {
      head: '人均纯收入（元）',
      label: '人均收入',
      cell: (h) => (h.income === null ? '未登记' : h.income.toLocaleString('en-US')),
    },
    { head: '预警分', cell: (h) => h.warningScore ?? 0 },
    { head: '帮扶责任人', label: '帮扶人', cell: (h) => h.helper ?? html`<span class="muted">未结对</span>` },
    {
      head: '下次走访',
      cell: (h) => dateOnly(h.nextVisitDueAt, ctx.timeZone),
      className: (h) => (h.nextVisitDueAt && h.nextVisitDueAt < ctx.now ? 'late' : ''),
    },
    {
      head: '在办案件',
      cell: (h) =>
        h.openCases ? html`<a href="${withQuery('/console/cases', { q: h.id })}">${h.openCases} 件</a>` : '无',
    },
  ],
  found.rows,
  '没有符合条件的农户',
)}`;
}
