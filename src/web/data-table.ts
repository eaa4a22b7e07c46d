import { html, type Raw } from './html.js';

/** One column: its heading, and the cell of a row (text is escaped; html`` kept). */
export interface Column<T> {
  head: string | Raw;
  cell(row: T): string | number | Raw | null | undefined;
  /** The label a phone shows before the cell (default: the heading, when it is text). */
  label?: string;
  className?(row: T): string;
}

/**
 * A table that a phone shows as one card per row (`stack`, each cell labelled), and a desktop as a table.
 * `empty` fills one row when there is nothing to show.
 */
export function dataTable<T>(id: string, columns: Column<T>[], rows: T[], empty: string): Raw {
  const label = (c: Column<T>) => c.label ?? (typeof c.head === 'string' ? c.head : '');
  return html`<table id="${id}" class="stack"><thead><tr>${columns.map((c) => html`<th>${c.head}</th>`)}</tr></thead><tbody>
${
  rows.length
    ? rows.map(
        (r) =>
          html`<tr>${columns.map((c) => html`<td data-label="${label(c)}" class="${c.className?.(r) ?? ''}">${c.cell(r)}</td>`)}</tr>`,
      )
    : html`<tr><td colspan="${columns.length}" class="muted">${empty}</td></tr>`
}
</tbody></table>`;
}
