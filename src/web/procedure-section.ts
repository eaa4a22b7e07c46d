import { formatLocal, formatLocalDate } from '../domain/local-time.js';
import { REMOVAL_MODE_LABEL } from '../domain/procedure/exit-conditions.js';
import { participantsOf, stateLabel } from '../domain/procedure/procedure.js';
import { STEP_LABEL } from '../domain/procedure/procedure-policy.js';
import type { ProcedureView } from '../domain/use-cases/show-case-procedure.js';
import { MONITORING_LABEL, ROLE_LABEL } from '../domain/types.js';
import { html, type Raw } from './html.js';

const ACTION_LABEL: Record<string, string> = {
  propose: '提出',
  pass: '通过',
  return: '退回',
  reject: '不通过',
  review: '民主评议',
  objection: '登记异议',
  resolve: '处理异议',
};
const ORANGE = 'color:#c2410c;font-weight:600';

function one(number: string, v: ProcedureView, timeZone: string, actions: boolean): Raw {
  const p = v.procedure;
  const at = (d: Date) => formatLocal(d, timeZone);
  const kind = p.kind === 'exit' ? '风险消除程序' : p.green ? '识别认定程序（绿色通道：先纳入后核查）' : '识别认定程序';
  const steps = p.steps.map((s, i) =>
    i < p.at || p.status === 'done'
      ? html`✓ ${STEP_LABEL[s]}`
      : i === p.at && p.status === 'open'
        ? html`<b>▶ ${STEP_LABEL[s]}</b>`
        : html`· ${STEP_LABEL[s]}`,
  );
  const facts: Array<[string, string]> = [
    ...(p.category ? [['类别', MONITORING_LABEL[p.category]] as [string, string]] : []),
    ...(p.override ? [['类别与收入不符的理由', p.override] as [string, string]] : []),
    ...(p.removalMode ? [['风险消除方式', REMOVAL_MODE_LABEL[p.removalMode]] as [string, string]] : []),
    ...(p.review
      ? [
          [
            '村级民主评议',
            `${formatLocalDate(p.review.heldOn, timeZone)}，${participantsOf(p.review)}，${p.review.passed ? '通过' : '未通过'}${p.review.minutes ? `；纪要：${p.review.minutes}` : ''}`,
          ] as [string, string],
        ]
      : []),
    ...(p.notice ? [['村级公示', `${at(p.notice.startedAt)} 起`] as [string, string]] : []),
    ...(p.confirmedAt ? [['县级确认', at(p.confirmedAt)] as [string, string]] : []),
  ];
  const open = p.status === 'open';
  return html`<div class="card procedure" id="procedure-${v.id}"><b>${kind}：${stateLabel(p)}</b>
<p>${steps.map((s, i) => (i ? html` → ${s}` : s))}</p>
${open ? html`<p>现在由${v.turn.map((r) => ROLE_LABEL[r]).join('或')}办理${v.stepDueAt ? `，本步时限 ${at(v.stepDueAt)}` : ''}；程序时限 ${at(v.dueAt)}</p>` : ''}
${v.overdue.map((w) => html`<p class="overdue" style="${ORANGE}">⚠ ${w}</p>`)}
<dl>${facts.map(([k, val]) => html`<dt>${k}</dt><dd>${val}</dd>`)}</dl>
${p.notice?.objections.length ? html`<p>公示异议：</p><ol>${p.notice.objections.map((o) => html`<li>${o.text}（${at(o.raisedAt)}）${o.resolution ? html`——处理：${o.resolution}` : html` <span style="${ORANGE}">未处理</span>`}</li>`)}</ol>` : ''}
<ul class="muted">${v.steps.map((s) => html`<li>${at(s.at)} ${s.action === 'propose' ? '' : `${s.step} `}${ACTION_LABEL[s.action] ?? s.action}（${s.actor}）${s.note ? `：${s.note}` : ''}</li>`)}</ul>
${open && actions ? forms(number) : ''}</div>`;
}

/** 通过 / 退回（原因）/ 不通过（原因）for the step in the viewer's turn (the procedure checks the role). */
function forms(number: string): Raw {
  const form = (verb: string, field: Raw, button: string) =>
    html`<form method="post" action="/console/cases/${number}/procedure/${verb}" class="filters" id="procedure-${verb}">${field}<button>${button}</button></form>`;
  return html`<div class="actions">
${form('pass', html`<label>审核意见（可不填）<input name="note" maxlength="200"></label>`, '通过')}
${form('return', html`<label>退回原因<input name="reason" required maxlength="200"></label>`, '退回')}
${form('reject', html`<label>不通过的原因<input name="reason" required maxlength="200"></label>`, '不通过')}
</div>`;
}

/** The procedure section of the case page: each run, its steps, who did what, its deadlines and the forms. */
export function procedureSection(number: string, views: ProcedureView[], timeZone: string): Raw {
  return html`<h2>认定与消除程序</h2>${
    views.length
      ? views.map((v) => one(number, v, timeZone, true))
      : html`<p class="muted">还没有启动程序：帮扶责任人或包村干部在企业微信中发送「纳入 ${number} 类别」提出拟纳入。</p>`
  }`;
}
