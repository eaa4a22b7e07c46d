import { html, type Raw } from './html.js';

/** The query string of a list with some fields changed (empty ones dropped), so filters live in the URL. */
export function withQuery(path: string, query: Record<string, unknown>, change: Record<string, unknown> = {}): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...query, ...change }))
    if (v !== undefined && v !== null && v !== '' && v !== false) params.set(k, v === true ? '1' : String(v));
  const s = params.toString();
  return s ? `${path}?${s}` : path;
}

/** The search box: one field for a case number (or its last 4 digits), a name, an ID number or a phone's last digits. */
export function searchBox(q: string | undefined, hint: string): Raw {
  return html`<label style="flex:1 1 220px">搜索<input type="search" name="q" value="${q ?? ''}" placeholder="${hint}" maxlength="40"></label>`;
}

/** 排序 and 每页 selects (the page size kept in the URL like the filters). */
export function sortSelect(sorts: ReadonlyArray<readonly [string, string]>, current: string, pageSize: number): Raw {
  const selected = (on: boolean) => (on ? html` selected` : '');
  return html`<label>排序<select name="sort">${sorts.map(([v, label]) => html`<option value="${v}"${selected(v === current)}>${label}</option>`)}</select></label>
<label>每页<select name="size">${[20, 50, 100].map((n) => html`<option value="${n}"${selected(n === pageSize)}>${n} 条</option>`)}</select></label>`;
}

/** 共 N 条，第 p/P 页, with 上一页 / 下一页 links that keep the filters. */
export function pager(
  path: string,
  query: Record<string, unknown>,
  total: number,
  page: number,
  pageSize: number,
): Raw {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const link = (p: number, label: string, rel: string) =>
    p >= 1 && p <= pages
      ? html`<a class="button plain" rel="${rel}" href="${withQuery(path, query, { page: p })}">${label}</a>`
      : '';
  return html`<div class="pager" id="pager"><span id="total">共 <b>${total}</b> 条${pages > 1 ? `，第 ${Math.min(page, pages)}/${pages} 页` : ''}</span>
${link(page - 1, '上一页', 'prev')}${link(page + 1, '下一页', 'next')}</div>`;
}
