/** Server-rendered HTML without a template engine: tagged templates escape every value unless it is raw(). */

import { activeEntry, NAV_ENTRIES } from './console-nav.js';
import { CONSOLE_STYLE } from './console-style.js';

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

export interface Nav {
  path: string;
  viewer: string;
  /** County staff see every section; township staff not the county-only ones. Unset: all shown. */
  county?: boolean;
}

/** The top bar: the sections (a 菜单 toggle on phones, no script needed), who is signed in, 退出. */
function topBar(nav: Nav): Raw {
  const on = activeEntry(nav.path);
  const links = NAV_ENTRIES.filter((e) => nav.county !== false || !e.countyOnly);
  return html`<input type="checkbox" id="nav-toggle"><label for="nav-toggle" class="menu">菜单</label>
<nav id="console-nav">${links.map((e) => html`<a href="${e.href}" class="${e === on ? 'on' : ''}">${e.label}</a>`)}</nav>
<span class="who"><span class="label">${nav.viewer}</span><form method="post" action="/console/logout"><button>退出</button></form></span>`;
}

/** The console's page frame: top bar with the sections, who is signed in, a sign-out button. */
export function page(title: string, body: Raw, nav?: Nav): string {
  return rawString(html`<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${title} · 守望</title><style>${raw(CONSOLE_STYLE)}</style></head><body>
<header><strong class="brand">守望 · 防返贫监测</strong>${nav ? topBar(nav) : ''}</header>
<main>${body}</main></body></html>`);
}
