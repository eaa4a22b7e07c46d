import { percent, rate, type Bulletin, type Figures } from '../domain/schedule/bulletin.js';
import type { ComplianceView } from '../domain/use-cases/show-console-compliance.js';
import { dataTable } from './data-table.js';
import { dateOnly } from './dates.js';
import { html, options, type Raw } from './html.js';

type Cadre = Bulletin['cadres'][number];
type Village = Bulletin['villages'][number];
/** Nothing due reads "—": 0 of 0 is no figure, never 100%. */
const share = (f: Figures) => (f.due ? percent(f) : '—');

/** Eight weeks of completion rates as bars, oldest left; drawn as inline SVG (it shrinks to a phone's width). */
function weeksChart(weeks: Bulletin[], timeZone: string): Raw {
  const w = 560,
    h = 180,
    bar = w / weeks.length;
  return html`<svg id="weeks-chart" viewBox="0 0 ${w} ${h + 40}" width="${w}" height="${h + 40}" role="img" aria-label="近8周走访完成率">
${weeks.map((b, i) => {
  const r = b.totals.due ? rate(b.totals) : 0; // nothing due: no bar, a dash
  const y = h - r * h;
  return html`<rect x="${Math.round(i * bar + 8)}" y="${Math.round(y)}" width="${Math.round(bar - 16)}" height="${Math.round(r * h)}" fill="${r < 0.8 ? '#f59e0b' : '#0b5cad'}"><title>${share(b.totals)}</title></rect>
<text x="${Math.round(i * bar + bar / 2)}" y="${Math.max(12, Math.round(y) - 4)}" text-anchor="middle" font-size="12">${share(b.totals)}</text>
<text x="${Math.round(i * bar + bar / 2)}" y="${h + 16}" text-anchor="middle" font-size="11" fill="#52606d">${dateOnly(b.week.start, timeZone).slice(5)}</text>`;
})}<line x1="0" x2="${w}" y1="${h - 0.8 * h}" y2="${h - 0.8 * h}" stroke="#b91c1c" stroke-dasharray="4 3"/></svg>`;
}

export function compliancePage(view: ComplianceView, ctx: { timeZone: string }): Raw {
  const b = view.bulletin;
  const behind = new Set(b.behind);
  const t = b.totals;
  const figures = <T extends Cadre | Village>() => [
    { head: '户数', cell: (x: T) => x.households },
    { head: '应走访联系', cell: (x: T) => x.due },
    { head: '完成', cell: (x: T) => x.done },
    { head: '完成率', cell: (x: T) => share(x) },
    { head: '逾期走访', cell: (x: T) => x.overdueContacts },
    { head: '逾期任务', cell: (x: T) => x.overdueTasks },
  ];
  return html`<h1>走访合规 · ${b.township.name}</h1>
<form class="filters" method="get" action="/console/compliance"><label>乡镇<select name="township">${options(
    view.townships.map((x) => [x.id, x.name] as const),
    b.township.id,
    '请选择',
  )}</select></label>
<label>周（任一天）<input type="date" name="week" value="${view.week}"></label><button>查看</button>
<a href="/console/compliance.xlsx?township=${b.township.id}&week=${view.week}">导出 XLSX</a></form>
<div class="card" id="week-totals">${dateOnly(b.week.start, ctx.timeZone)}至${dateOnly(new Date(b.week.end.getTime() - 1), ctx.timeZone)}：应走访联系 <b>${t.due}</b> 次，完成 <b>${t.done}</b> 次，完成率 <b>${share(t)}</b>；逾期未走访 ${t.overdueContacts} 次，逾期任务 ${t.overdueTasks} 项，需督促 ${b.behind.length} 人。</div>
<h2>近 8 周完成率</h2><div class="card">${weeksChart(view.weeks, ctx.timeZone)}</div>
<h2>干部</h2>${dataTable<Cadre>(
    'cadres',
    [
      { head: '干部', cell: (c) => c.name },
      { head: '村', cell: (c) => c.villages.join('、') },
      ...figures<Cadre>(),
      { head: '', label: '', cell: (c) => (behind.has(c) ? html`<span class="late">需督促</span>` : '') },
    ],
    b.cadres,
    '本乡镇还没有干部',
  )}
<h2>村</h2>${dataTable<Village>('villages', [{ head: '村', cell: (v) => v.name }, ...figures<Village>()], b.villages, '没有村')}`;
}
