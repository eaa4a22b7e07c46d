import type { CaseFilter, OverdueTask, OverdueVisit, Places } from '../domain/ports/console.js';
import { stateLabel } from './case-labels.js';
import { dataTable } from './data-table.js';
import { dateTime, daysSince } from './dates.js';
import { html, type Raw } from './html.js';
import { placeFilters } from './place-filters.js';

/** Working lists (as in DHIS2's): overdue tasks and overdue visits, longest overdue first. */
export function overduePage(
  view: { tasks: OverdueTask[]; visits: OverdueVisit[]; places: Places },
  f: CaseFilter,
  ctx: { county: boolean; now: Date; timeZone: string },
): Raw {
  const at = (d: Date) => dateTime(d, ctx.timeZone);
  return html`<h1>逾期清单</h1>
<form class="filters" method="get" action="/console/overdue">${placeFilters(view.places, f, ctx.county)}<button>筛选</button></form>
<h2>逾期任务（${view.tasks.length}）</h2>${dataTable<OverdueTask>(
    'overdue-tasks',
    [
      { head: '编号', cell: (t) => html`<a href="/console/cases/${t.number}">${t.number}</a>` },
      { head: '农户', cell: (t) => (t.head ? `${t.head}户` : '未匹配') },
      { head: '村', cell: (t) => t.village },
      { head: '环节', cell: (t) => stateLabel(t.state) },
      { head: '责任人', cell: (t) => t.holder },
      { head: '时限', cell: (t) => at(t.dueAt) },
      { head: '逾期', cell: (t) => daysSince(t.dueAt, ctx.now), className: () => 'late' },
      { head: '已提醒', cell: (t) => `${t.level} 次` },
    ],
    view.tasks,
    '没有逾期任务',
  )}
<h2>逾期走访（${view.visits.length}）</h2>${dataTable<OverdueVisit>(
    'overdue-visits',
    [
      { head: '户号', cell: (v) => v.householdId },
      { head: '户主', cell: (v) => v.head },
      { head: '村', cell: (v) => v.village },
      { head: '应做', cell: (v) => (v.kind === 'visit' ? '入户走访' : '电话联系') },
      { head: '帮扶责任人', label: '帮扶人', cell: (v) => v.cadre },
      { head: '应于', cell: (v) => at(v.dueAt) },
      { head: '逾期', cell: (v) => daysSince(v.dueAt, ctx.now), className: () => 'late' },
    ],
    view.visits,
    '没有逾期走访',
  )}`;
}
