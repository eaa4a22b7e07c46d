import { DUTY_LABEL } from '../domain/pair-duty/pair-duty-policy.js';
import { dutyStateText, periodLabel } from '../domain/pair-duty/duty-text.js';
import type { DutyYearLine } from '../domain/pair-duty/duty-year.js';
import type { DutyRecordRow } from '../domain/ports/pair-duties.js';
import { html, type Raw } from './html.js';

const STATE_CLASS: Record<string, string> = { done: 'ok', overdue: 'late', soon: 'soon' };

/** A household's 8个一 on its register page: each duty this period, and the year so far. */
export function dutySection(lines: ReadonlyArray<DutyYearLine<DutyRecordRow>>, timeZone: string): Raw {
  return html`<h2>帮扶责任人「8个一」</h2>
<table id="register-duties"><thead><tr><th>事项</th><th>本期</th><th>本期情况</th><th>本年已完成</th></tr></thead><tbody>
${lines.map(
  (l) =>
    html`<tr class="${STATE_CLASS[l.status] ?? ''}"><td>${DUTY_LABEL[l.instance.duty]}</td><td>${periodLabel(l.instance.period)}</td><td>${dutyStateText(l, timeZone)}</td><td>${l.opened ? `${l.done} / ${l.opened} 期` : '—'}</td></tr>`,
)}</tbody></table>`;
}
