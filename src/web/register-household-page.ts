import { INCOME_SOURCE_LABEL } from '../domain/assistance/income-record.js';
import { EFFECT_LABEL, groupMeasures, GROUP_LABEL, MEASURE_LABEL, STATUS_LABEL } from '../domain/assistance/measure.js';
import { formatLocal, localDateString } from '../domain/local-time.js';
import { RISK_LABEL } from '../domain/policy.js';
import { maskIdNumber } from '../domain/privacy.js';
import { STEP_LABEL } from '../domain/procedure/procedure-policy.js';
import { procedureLabel, REGISTER_STATE_LABEL } from '../domain/register/register.js';
import { stepWords } from '../domain/register/step-words.js';
import type { RegisterHouseholdView } from '../domain/use-cases/show-register-household.js';
import { MONITORING_LABEL } from '../domain/types.js';
import { html, type Raw } from './html.js';
import { incomeChart } from './income-chart.js';
import { dutySection } from './duty-section.js';

const LABOUR: Record<string, string> = {
  full: '普通劳动力',
  partial: '弱劳动力',
  lost: '丧失劳动力',
  none: '无劳动力',
};

/** One monitored household: members, 一户一策 by 一增/一减/一补, suggestions, income chart, step history. */
export function registerHouseholdPage(
  h: RegisterHouseholdView,
  ctx: { timeZone: string; line: number; query: string },
): Raw {
  const r = h.row;
  const day = (d: Date | null) => (d ? localDateString(d, ctx.timeZone) : '无记录');
  return html`<p><a href="/console/register${ctx.query ? `?${ctx.query}` : ''}">← 监测对象</a></p>
<h1>${r.headName}户 <span class="muted">${r.townshipName} ${r.villageName} · 户号 ${r.householdId}</span></h1>
<div class="card"><dl id="register-facts">
<dt>类别</dt><dd>${r.category ? MONITORING_LABEL[r.category] : ''}</dd>
<dt>纳入日期</dt><dd>${day(r.includedAt)}</dd>
<dt>风险类型</dt><dd>${r.riskTypes.map((t) => RISK_LABEL[t]).join('、') || '无'}</dd>
<dt>状态</dt><dd>${REGISTER_STATE_LABEL[r.state]}${r.procedure ? `，${procedureLabel(r.procedure, STEP_LABEL)}` : ''}</dd>
<dt>消除日期</dt><dd>${r.removedAt ? day(r.removedAt) : '—'}</dd></dl></div>
<h2>家庭成员（${h.members.length} 人）</h2>
<table id="register-members"><thead><tr><th>姓名</th><th>关系</th><th>性别</th><th>年龄</th><th>证件号码</th><th>劳动能力</th><th>健康</th><th>在校</th></tr></thead><tbody>
${h.members.map(
  (m) =>
    html`<tr><td>${m.name}</td><td>${m.relation}</td><td>${m.sex}</td><td>${m.age ?? ''}</td><td>${m.idNumber ? maskIdNumber(m.idNumber) : ''}</td><td>${m.labour ? LABOUR[m.labour] : html`<span class="muted">未登记</span>`}</td><td>${m.health}${m.disability ? ` ${m.disability}` : ''}</td><td>${m.schooling}</td></tr>`,
)}</tbody></table>
<h2>一户一策（${h.measures.length} 项）</h2>
${
  h.measures.length
    ? groupMeasures(h.measures).map(
        ([
          g,
          ms,
        ]) => html`<h3>${GROUP_LABEL[g]}</h3><table class="measures"><thead><tr><th>措施</th><th>对象</th><th>内容</th><th>责任单位</th><th>金额</th><th>开始</th><th>状态</th><th>成效（回头看）</th></tr></thead><tbody>
${ms.map(
  (m) =>
    html`<tr><td>${MEASURE_LABEL[m.type]}</td><td>${m.memberName ?? '全户'}</td><td>${m.detail}</td><td>${m.department}</td><td>${m.amountYuan === null ? '' : `${m.amountYuan} 元`}</td><td>${m.startDate ?? ''}</td><td>${STATUS_LABEL[m.status]}</td><td>${m.effect ? `${EFFECT_LABEL[m.effect]} ${m.effectNote}` : ''}</td></tr>`,
)}</tbody></table>`,
      )
    : html`<p class="muted">还没有登记措施。</p>`
}
${
  h.suggestions.length
    ? html`<div class="card" id="register-suggestions"><b>建议措施</b> <span class="muted">（按风险类型和家庭成员劳动能力生成，仅供参考，由帮扶责任人确认后在企业微信中登记：帮扶 编号 类型 对象:姓名 …）</span><ul>
${h.suggestions.map((s) => html`<li>${MEASURE_LABEL[s.type]}${s.memberName ? `（${s.memberName}）` : ''}：${s.why}</li>`)}</ul></div>`
    : ''
}
${h.duties ? dutySection(h.duties, ctx.timeZone) : ''}
<h2>收入变化</h2>
${incomeChart(h.incomes, ctx.line, ctx.timeZone)}
${
  h.incomes.length
    ? html`<table id="register-incomes"><thead><tr><th>日期</th><th>来源</th><th>人均纯收入</th><th>记录人</th></tr></thead><tbody>
${h.incomes.map((i) => html`<tr><td>${localDateString(i.at, ctx.timeZone)}</td><td>${INCOME_SOURCE_LABEL[i.source]}</td><td>${i.yuan} 元</td><td>${i.by ?? ''}</td></tr>`)}</tbody></table>`
    : ''
}
<h2>办理经过</h2>
<table id="register-steps"><thead><tr><th>时间</th><th>办理</th><th>编号</th><th>办理人</th><th>说明</th></tr></thead><tbody>
${
  h.steps.length
    ? h.steps.map(
        (s) =>
          html`<tr><td>${formatLocal(s.at, ctx.timeZone)}</td><td>${stepWords(s.what)}${s.toState && s.what.startsWith('procedure-') ? `（${s.toState}）` : ''}</td><td>${s.caseNumber ?? ''}</td><td>${s.actor}</td><td>${s.note}</td></tr>`,
      )
    : html`<tr><td colspan="5" class="muted">没有办理记录</td></tr>`
}</tbody></table>`;
}
