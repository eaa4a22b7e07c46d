import { INCOME_SOURCE_LABEL, type IncomeRecord } from '../domain/assistance/income-record.js';
import { localDateString } from '../domain/local-time.js';
import { html, type Raw } from './html.js';

const W = 640;
const H = 220;
const PAD = { left: 56, right: 16, top: 16, bottom: 36 };

/**
 * The household's per-capita income over time as a server-drawn SVG: one point per dated figure (its
 * source in the tooltip), the monitoring line dashed. No script and nothing fetched.
 */
export function incomeChart(records: readonly IncomeRecord[], line: number, timeZone: string): Raw {
  if (!records.length)
    return html`<p class="muted" id="income-chart">还没有收入记录。核实、走访、电话写明人均纯收入，或部门推送收入数据后，这里会画出收入变化。</p>`;
  const times = records.map((r) => r.at.getTime());
  const t0 = Math.min(...times);
  const t1 = Math.max(...times);
  const top = Math.max(line, ...records.map((r) => r.yuan)) * 1.15;
  const x = (t: number) =>
    PAD.left + (t1 === t0 ? (W - PAD.left - PAD.right) / 2 : ((t - t0) / (t1 - t0)) * (W - PAD.left - PAD.right));
  const y = (v: number) => H - PAD.bottom - (v / top) * (H - PAD.top - PAD.bottom);
  const pts = records.map((r) => `${x(r.at.getTime()).toFixed(1)},${y(r.yuan).toFixed(1)}`).join(' ');
  const day = (d: Date) => localDateString(d, timeZone);
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((f) => Math.round((top * f) / 100) * 100);
  return html`<svg id="income-chart" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" aria-label="人均纯收入变化（${records.length} 次记录）" xmlns="http://www.w3.org/2000/svg" font-size="11">
${ticks.map((v) => html`<line x1="${PAD.left}" x2="${W - PAD.right}" y1="${y(v).toFixed(1)}" y2="${y(v).toFixed(1)}" stroke="#e4e7eb"/><text x="${PAD.left - 6}" y="${(y(v) + 4).toFixed(1)}" text-anchor="end" fill="#7b8794">${v}</text>`)}
<line class="monitoring-line" x1="${PAD.left}" x2="${W - PAD.right}" y1="${y(line).toFixed(1)}" y2="${y(line).toFixed(1)}" stroke="#b91c1c" stroke-dasharray="6 4"/>
<text x="${W - PAD.right}" y="${(y(line) - 4).toFixed(1)}" text-anchor="end" fill="#b91c1c">监测线 ${line} 元</text>
<polyline points="${pts}" fill="none" stroke="#0b5cad" stroke-width="2"/>
${records.map(
  (r) =>
    html`<circle class="income-point" cx="${x(r.at.getTime()).toFixed(1)}" cy="${y(r.yuan).toFixed(1)}" r="4" fill="${r.yuan > line ? '#0b5cad' : '#b91c1c'}"><title>${day(r.at)} ${INCOME_SOURCE_LABEL[r.source]}：${r.yuan} 元</title></circle>`,
)}
<text x="${PAD.left}" y="${H - 12}" fill="#7b8794">${day(records[0]!.at)}</text>
<text x="${W - PAD.right}" y="${H - 12}" text-anchor="end" fill="#7b8794">${day(records.at(-1)!.at)}</text>
</svg>`;
}
