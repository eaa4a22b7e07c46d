/** Server-rendered HTML without a template engine: tagged templates escape every value unless it is raw(). */

const RAW = Symbol('raw');
export interface Raw {
  [RAW]: string;
}

export const raw = (s: string): Raw => ({ [RAW]: s });
const isRaw = (v: unknown): v is Raw => typeof v === 'object' && v !== null && RAW in v;

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

type Value = string | number | null | undefined | false | Raw | Value[];
const render = (v: Value): string =>
  v === null || v === undefined || v === false
    ? ''
    : Array.isArray(v)
      ? v.map(render).join('')
      : isRaw(v)
        ? v[RAW]
        : escapeHtml(String(v));

/** html`<p>${text}</p>`: values are escaped, arrays joined, raw() and nested html`` kept. */
export function html(strings: TemplateStringsArray, ...values: Value[]): Raw {
  return raw(strings.reduce((out, s, i) => out + s + (i < values.length ? render(values[i]!) : ''), ''));
}

export const rawString = (r: Raw) => r[RAW];

/** <option>s with the current value selected. */
export function options(
  list: ReadonlyArray<readonly [string, string]>,
  current: string | undefined,
  any = '全部',
): Raw {
  return html`<option value="">${any}</option>${list.map(([v, label]) => html`<option value="${v}"${v === current ? raw(' selected') : ''}>${label}</option>`)}`;
}

const STYLE = `
body{font:14px/1.5 system-ui,"PingFang SC","Microsoft YaHei",sans-serif;margin:0;color:#1f2933;background:#f5f7fa}
header{background:#0b5cad;color:#fff;padding:0 20px;display:flex;gap:18px;align-items:center;height:48px}
header a{color:#dbeafe;text-decoration:none}header a.on{color:#fff;font-weight:600}header .who{margin-left:auto;font-size:12px}
main{padding:16px 20px;max-width:1200px}h1{font-size:20px;margin:4px 0 12px}h2{font-size:16px;margin:18px 0 8px}
table{border-collapse:collapse;width:100%;background:#fff}th,td{border-bottom:1px solid #e4e7eb;padding:6px 8px;text-align:left;vertical-align:top}
th{background:#eef2f7;font-weight:600}form.filters{display:flex;flex-wrap:wrap;gap:8px;align-items:end;margin-bottom:12px}
label{display:flex;flex-direction:column;font-size:12px;color:#52606d}select,input,button{font:inherit;padding:4px 6px}
button{background:#0b5cad;color:#fff;border:0;border-radius:4px;padding:6px 14px;cursor:pointer}
.tag{display:inline-block;padding:0 6px;border-radius:3px;font-size:12px;background:#e4e7eb}.green{background:#d1fae5;color:#065f46}
.late{color:#b91c1c;font-weight:600}.muted{color:#7b8794}.card{background:#fff;padding:12px 16px;border-radius:6px;margin-bottom:12px}
.error{background:#fee2e2;color:#991b1b;padding:8px 12px;border-radius:4px}.ok{background:#d1fae5;color:#065f46;padding:8px 12px;border-radius:4px}
dl{display:grid;grid-template-columns:120px 1fr;gap:4px 12px;margin:0}dt{color:#52606d}dd{margin:0}`;

export interface Nav {
  path: string;
  viewer: string;
}

const LINKS = [
  ['/console/cases', '案件'],
  ['/console/overdue', '逾期清单'],
  ['/console/screened', '未达预警标准'],
  ['/console/compliance', '走访合规'],
  ['/console/import', '导入导出'],
  ['/console/village-codes', '一村一码'],
  ['/console/failed', '失败任务'],
  ['/console/queues', '队列'],
] as const;

/** The console's page frame: top bar with the sections, who is signed in, a sign-out button. */
export function page(title: string, body: Raw, nav?: Nav): string {
  return rawString(html`<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${title} · 守望</title><style>${raw(STYLE)}</style></head><body>
<header><strong>守望 · 防返贫监测</strong>${
    nav
      ? html`${LINKS.map(([href, label]) => html`<a href="${href}" class="${nav.path.startsWith(href) ? 'on' : ''}">${label}</a>`)}
<span class="who">${nav.viewer} <form method="post" action="/console/logout" style="display:inline"><button style="padding:2px 8px">退出</button></form></span>`
      : ''
  }</header>
<main>${body}</main></body></html>`);
}
