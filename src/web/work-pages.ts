import { formatLocal, formatLocalDate } from '../domain/local-time.js';
import { percent, rate, type Bulletin } from '../domain/schedule/bulletin.js';
import type { ImportReport } from '../import/import-table.js';
import { ENCODING_LABEL } from '../files/decode-text.js';
import type { Table } from '../files/read-table.js';
import type { CaseFilter, OverdueTask, OverdueVisit, placesOf } from '../store/console-store.js';
import { placeFilters, stateLabel } from './case-pages.js';
import { html, options, raw, type Raw } from './html.js';

type Places = Awaited<ReturnType<typeof placesOf>>;
const DAY = 86_400_000;
const late = (due: Date, now: Date) => `${Math.max(0, Math.floor((now.getTime() - due.getTime()) / DAY))} 天`;

/** Working lists (as in DHIS2's): overdue tasks and overdue visits, longest overdue first. */
export function overduePage(
  tasks: OverdueTask[],
  visits: OverdueVisit[],
  f: CaseFilter,
  places: Places,
  ctx: { county: boolean; now: Date; timeZone: string },
): Raw {
  const at = (d: Date) => formatLocal(d, ctx.timeZone);
  return html`<h1>逾期清单</h1>
<form class="filters" method="get" action="/console/overdue">${placeFilters(places, f, ctx.county)}<button>筛选</button></form>
<h2>逾期任务（${tasks.length}）</h2><table id="overdue-tasks"><thead><tr><th>编号</th><th>农户</th><th>村</th><th>环节</th><th>责任人</th><th>时限</th><th>逾期</th><th>已提醒</th></tr></thead><tbody>
${
  tasks.length
    ? tasks.map(
        (
          t,
        ) => html`<tr><td><a href="/console/cases/${t.number}">${t.number}</a></td><td>${t.head ? `${t.head}户` : '未匹配'}</td><td>${t.village ?? ''}</td><td>${stateLabel(t.state)}</td>
<td>${t.holder ?? ''}</td><td>${at(t.dueAt)}</td><td class="late">${late(t.dueAt, ctx.now)}</td><td>${t.level} 次</td></tr>`,
      )
    : html`<tr><td colspan="8" class="muted">没有逾期任务</td></tr>`
}
</tbody></table>
<h2>逾期走访（${visits.length}）</h2><table id="overdue-visits"><thead><tr><th>户号</th><th>户主</th><th>村</th><th>应做</th><th>帮扶责任人</th><th>应于</th><th>逾期</th></tr></thead><tbody>
${
  visits.length
    ? visits.map(
        (
          v,
        ) => html`<tr><td>${v.householdId}</td><td>${v.head}</td><td>${v.village}</td><td>${v.kind === 'visit' ? '入户走访' : '电话联系'}</td><td>${v.cadre ?? ''}</td>
<td>${at(v.dueAt)}</td><td class="late">${late(v.dueAt, ctx.now)}</td></tr>`,
      )
    : html`<tr><td colspan="7" class="muted">没有逾期走访</td></tr>`
}
</tbody></table>`;
}

/** Eight weeks of completion rates as bars, oldest left; drawn as inline SVG. */
function weeksChart(weeks: Bulletin[], timeZone: string): Raw {
  const w = 560,
    h = 180,
    bar = w / weeks.length;
  return html`<svg id="weeks-chart" width="${w}" height="${h + 40}" role="img" aria-label="近8周走访完成率">
${weeks.map((b, i) => {
  const r = b.totals.due ? rate(b.totals) : 0; // nothing due: no bar, a dash
  const y = h - r * h;
  return html`<rect x="${Math.round(i * bar + 8)}" y="${Math.round(y)}" width="${Math.round(bar - 16)}" height="${Math.round(r * h)}" fill="${r < 0.8 ? '#f59e0b' : '#0b5cad'}"><title>${percent(b.totals)}</title></rect>
<text x="${Math.round(i * bar + bar / 2)}" y="${Math.max(12, Math.round(y) - 4)}" text-anchor="middle" font-size="12">${b.totals.due ? percent(b.totals) : '—'}</text>
<text x="${Math.round(i * bar + bar / 2)}" y="${h + 16}" text-anchor="middle" font-size="11" fill="#52606d">${formatLocalDate(b.week.start, timeZone)}</text>`;
})}<line x1="0" x2="${w}" y1="${h - 0.8 * h}" y2="${h - 0.8 * h}" stroke="#b91c1c" stroke-dasharray="4 3"/></svg>`;
}

export function compliancePage(
  b: Bulletin,
  weeks: Bulletin[],
  townships: Array<{ id: string; name: string }>,
  ctx: { timeZone: string; week: string },
): Raw {
  const behind = new Set(b.behind);
  const t = b.totals;
  return html`<h1>走访合规 · ${b.township.name}</h1>
<form class="filters" method="get" action="/console/compliance"><label>乡镇<select name="township">${options(
    townships.map((x) => [x.id, x.name] as const),
    b.township.id,
    '请选择',
  )}</select></label>
<label>周（任一天）<input type="date" name="week" value="${ctx.week}"></label><button>查看</button>
<a href="/console/compliance.xlsx?township=${b.township.id}&week=${ctx.week}">导出 XLSX</a></form>
<div class="card" id="week-totals">${formatLocalDate(b.week.start, ctx.timeZone)}至${formatLocalDate(new Date(b.week.end.getTime() - 1), ctx.timeZone)}：应走访联系 <b>${t.due}</b> 次，完成 <b>${t.done}</b> 次，完成率 <b>${percent(t)}</b>；逾期未走访 ${t.overdueContacts} 次，逾期任务 ${t.overdueTasks} 项，需督促 ${b.behind.length} 人。</div>
<h2>近 8 周完成率</h2>${weeksChart(weeks, ctx.timeZone)}
<h2>干部</h2><table id="cadres"><thead><tr><th>干部</th><th>村</th><th>户数</th><th>应走访联系</th><th>完成</th><th>完成率</th><th>逾期走访</th><th>逾期任务</th><th></th></tr></thead><tbody>
${b.cadres.map(
  (
    c,
  ) => html`<tr><td>${c.name}</td><td>${c.villages.join('、')}</td><td>${c.households}</td><td>${c.due}</td><td>${c.done}</td><td>${percent(c)}</td><td>${c.overdueContacts}</td><td>${c.overdueTasks}</td>
<td>${behind.has(c) ? html`<span class="late">需督促</span>` : ''}</td></tr>`,
)}</tbody></table>
<h2>村</h2><table><thead><tr><th>村</th><th>户数</th><th>应走访联系</th><th>完成</th><th>完成率</th><th>逾期走访</th><th>逾期任务</th></tr></thead><tbody>
${b.villages.map((v) => html`<tr><td>${v.name}</td><td>${v.households}</td><td>${v.due}</td><td>${v.done}</td><td>${v.due ? percent(v) : '—'}</td><td>${v.overdueContacts}</td><td>${v.overdueTasks}</td></tr>`)}</tbody></table>`;
}

const KIND_LABEL = { households: '农户', members: '家庭成员', cadres: '干部', links: '帮扶关系' } as const;

type ShownReport = ImportReport & { encoding?: Table['encoding'] };

/** The import form, with what the last import did (a households workbook gives two reports: 农户, 家庭成员). */
export function importPage(reports?: ShownReport[] | { error: string }): Raw {
  const result = !reports
    ? ''
    : 'error' in reports
      ? html`<p class="error">${reports.error}</p>`
      : reports.map((report, i) => importResult(report, i === 0));
  return importForm(result);
}

function importResult(report: ShownReport, first: boolean): Raw {
  const id = (what: string) => (first ? what : `${what}-${report.kind}`);
  return html`
<p class="${report.errors.length ? 'error' : 'ok'}" id="${id('import-summary')}">${KIND_LABEL[report.kind]}：共 ${report.rows} 行，写入 ${report.written} 行，错误 ${report.errors.length} 行${report.encoding && report.encoding !== 'xlsx' ? `（按 ${ENCODING_LABEL[report.encoding]} 编码读取）` : ''}</p>
${report.errors.length ? html`<table id="${id('import-errors')}"><thead><tr><th>行号</th><th>原因</th></tr></thead><tbody>${report.errors.map((e) => html`<tr><td>第 ${e.row} 行</td><td>${e.reason}</td></tr>`)}</tbody></table>` : ''}`;
}

function importForm(result: Raw | Raw[] | string): Raw {
  return html`<h1>导入导出</h1>
<div class="card"><form method="post" action="/console/import" enctype="multipart/form-data" class="filters">
<label>内容<select name="kind">${Object.entries(KIND_LABEL).map(([v, label]) => html`<option value="${v}">${label}</option>`)}</select></label>
<label>文件（.csv 或 .xlsx）<input type="file" name="file" accept=".csv,.xlsx" required></label>
<label>CSV 编码<select name="charset"><option value="">自动识别</option><option value="utf-8">UTF-8</option><option value="gb18030">GBK / GB18030</option></select></label><button>导入</button></form>
<p class="muted">列名见 README「File formats」。有错误的行不会写入，其余行照常写入。农户 XLSX 的「家庭成员」工作表一并导入。</p>
<p id="import-templates">下载模板：${Object.entries(KIND_LABEL).map(([v, label]) => html`<a href="/console/import/template/${v}.xlsx">${label}（XLSX）</a> <a href="/console/import/template/${v}.csv">（CSV）</a> `)}</p></div>${result}
<h2>导出</h2><p><a href="/console/cases.xlsx">全部案件（XLSX）</a> · <a href="/console/compliance">周通报（在「走访合规」页导出）</a></p>${raw('')}`;
}

export function loginPage(error?: string): Raw {
  return html`<h1>登录</h1><div class="card" style="max-width:420px"><form method="post" action="/console/login">
<label>令牌（县级用 ADMIN_TOKEN，乡镇用本乡镇令牌）<input type="password" name="token" autocomplete="current-password" required></label>
<p><button>登录</button></p></form>${error ? html`<p class="error">${error}</p>` : ''}</div>`;
}
