import {
  CASE_STATES,
  EVENT_LABEL,
  STATE_LABEL,
  type CaseEvent,
  type CaseState,
} from '../domain/cases/case-lifecycle.js';
import { formatLocal } from '../domain/local-time.js';
import { RISK_LABEL, RISK_TYPES, type RiskType } from '../domain/policy.js';
import { maskIdNumber, maskSecrets } from '../domain/privacy.js';
import type { CaseDetail, CaseFilter, CaseListRow, membersOf, placesOf, timelineOf } from '../store/console-store.js';
import { WARNING_HIGH } from '../domain/triage/warning-score.js';
import { html, options, type Raw } from './html.js';

export const stateLabel = (s: string) => STATE_LABEL[s as CaseState] ?? s;
export const riskLabels = (types: string[]) => types.map((t) => RISK_LABEL[t as RiskType] ?? t).join('、') || '待核实';
const urgencyTag = (u: string) => (u === 'green' ? html`<span class="tag green">绿色通道</span>` : '');
const LABOUR: Record<string, string> = { full: '劳动力', partial: '弱劳动力', none: '无劳动力' };
/** Audit actions other than lifecycle events, in words. */
const ACTION: Record<string, string> = {
  'open-case': '立案',
  'open-observation': '列为观察对象',
  'merge-signal': '合并新信号',
  'request-help': '申请协助',
  transfer: '转交',
  refused: '拒绝（无权办理）',
};
const actionLabel = (a: string) => EVENT_LABEL[a as CaseEvent] ?? ACTION[a] ?? a;

type Places = Awaited<ReturnType<typeof placesOf>>;

/** The filter form shared by the case list and the overdue lists. */
export function placeFilters(places: Places, f: CaseFilter, county: boolean): Raw {
  return html`${
    county
      ? html`<label>乡镇<select name="township">${options(
          places.townships.map((t) => [t.id, t.name] as const),
          f.township,
        )}</select></label>`
      : ''
  }
<label>村<select name="village">${options(
    places.villages.filter((v) => !f.township || v.townshipId === f.township).map((v) => [v.id, v.name] as const),
    f.village,
  )}</select></label>`;
}

export function caseListPage(
  rows: CaseListRow[],
  f: CaseFilter,
  places: Places,
  ctx: { county: boolean; now: Date; timeZone: string; query: string },
): Raw {
  const at = (d: Date | null) => (d ? formatLocal(d, ctx.timeZone) : '');
  return html`<h1>案件</h1>
<form class="filters" method="get" action="/console/cases">${placeFilters(places, f, ctx.county)}
<label>风险类型<select name="type">${options(
    RISK_TYPES.map((t) => [t, RISK_LABEL[t]] as const),
    f.type,
  )}</select></label>
<label>紧急程度<select name="urgency">${options(
    [
      ['green', '绿色通道'],
      ['normal', '一般'],
    ],
    f.urgency,
  )}</select></label>
<label>状态<select name="state">${options(
    CASE_STATES.map((s) => [s, STATE_LABEL[s]] as const),
    f.state,
  )}</select></label>
<label>逾期<select name="overdue">${options([['1', '仅逾期']], f.overdue ? '1' : '')}</select></label>
<button>筛选</button> <a href="/console/cases.xlsx?${ctx.query}">导出 XLSX</a></form>
<table id="cases"><thead><tr><th>编号</th><th>农户</th><th>村</th><th>风险类型</th><th>状态</th><th>责任人</th><th>时限</th><th>上报时间</th></tr></thead><tbody>
${
  rows.length
    ? rows.map(
        (
          r,
        ) => html`<tr><td><a href="/console/cases/${r.number}">${r.number}</a> ${urgencyTag(r.urgency)}</td><td>${r.head ? `${r.head}户` : html`<span class="muted">未匹配</span>`}</td>
<td>${r.village ?? ''}</td><td>${riskLabels(r.riskTypes)}</td><td>${stateLabel(r.state)}</td><td>${r.holder ?? ''}</td>
<td class="${r.dueAt && r.dueAt < ctx.now ? 'late' : ''}">${at(r.dueAt)}</td><td>${at(r.openedAt)}</td></tr>`,
      )
    : html`<tr><td colspan="8" class="muted">没有符合条件的案件</td></tr>`
}
</tbody></table>${rows.length >= 200 ? html`<p class="muted">只显示最新 200 件，请缩小筛选范围或导出。</p>` : ''}`;
}

const LEVEL = (score: number) => (score >= WARNING_HIGH ? '高' : score >= 30 ? '中' : '低');

/** The household's early-warning score, each reason with its points, so a supervisor can check it. */
function warningCard(c: CaseDetail, at: (d: Date | null) => string): Raw {
  const score = c.warningScore ?? 0;
  const reasons = c.warningReasons ?? [];
  return html`<div class="card" id="warning-score"><b>预警分 ${score}（${LEVEL(score)}）</b>${c.warningAt ? html` <span class="muted">${at(c.warningAt)} 计算</span>` : ''}
${reasons.length ? html`<ul>${reasons.map((r) => html`<li>+${r.points} ${r.text}</li>`)}</ul>` : html`<p class="muted">暂无预警信号。</p>`}</div>`;
}

export function caseDetailPage(
  c: CaseDetail,
  members: Awaited<ReturnType<typeof membersOf>>,
  timeline: Awaited<ReturnType<typeof timelineOf>>,
  ctx: { fullIds: boolean; timeZone: string; now: Date },
): Raw {
  const at = (d: Date | null) => (d ? formatLocal(d, ctx.timeZone) : '');
  const evidence = c.evidence as Array<{ kind?: string; text?: string; at?: string; source?: string }>;
  return html`<h1>案件 ${c.number} ${urgencyTag(c.urgency)}${c.kind === 'observe' ? html` <span class="tag">观察</span>` : ''}</h1>
<div class="card"><dl>
<dt>状态</dt><dd id="case-state">${stateLabel(c.state)}</dd><dt>风险类型</dt><dd>${riskLabels(c.riskTypes)}</dd>
<dt>责任人</dt><dd>${c.holder ?? ''}</dd><dt>当前时限</dt><dd class="${c.dueAt && c.dueAt < ctx.now ? 'late' : ''}">${at(c.dueAt)}</dd>
<dt>情况</dt><dd>${maskSecrets(c.summary)}</dd>${c.verification ? html`<dt>入户核实</dt><dd>${maskSecrets(c.verification)}</dd>` : ''}
<dt>信号</dt><dd>${c.signals} 条</dd><dt>上报时间</dt><dd>${at(c.openedAt)}</dd>${c.closedAt ? html`<dt>办结时间</dt><dd>${at(c.closedAt)}</dd>` : ''}
</dl></div>
<h2>农户</h2>${
    c.householdId
      ? html`<div class="card"><dl><dt>户主</dt><dd>${c.head}（户号 ${c.householdId}）</dd><dt>村</dt><dd>${c.village}</dd>
<dt>人均纯收入</dt><dd>${c.income ?? ''} 元</dd></dl></div>
${warningCard(c, at)}
<table><thead><tr><th>姓名</th><th>关系</th><th>证件号</th><th>劳动能力</th><th>残疾</th><th>在学</th></tr></thead><tbody>
${members.map((m) => html`<tr><td>${m.name}</td><td>${m.relation}</td><td>${ctx.fullIds ? m.idNumber : maskIdNumber(m.idNumber)}</td><td>${LABOUR[m.labour] ?? m.labour}</td><td>${m.disability}</td><td>${m.schooling}</td></tr>`)}
</tbody></table>`
      : html`<p class="muted">未匹配到农户（${c.village ?? '村未知'}），由包村干部核实。</p>`
  }
<h2>证据与信号</h2><table><tbody>${evidence.length ? evidence.map((e) => html`<tr><td>${e.at ? at(new Date(e.at)) : ''}</td><td>${e.source ?? e.kind ?? ''}</td><td>${maskSecrets(String(e.text ?? JSON.stringify(e)))}</td></tr>`) : html`<tr><td class="muted">无</td></tr>`}</tbody></table>
<h2>办理经过</h2><table id="timeline"><thead><tr><th>时间</th><th>办理人</th><th>动作</th><th>状态变化</th><th>说明</th></tr></thead><tbody>
${timeline.map((t) => html`<tr><td>${at(t.at)}</td><td>${t.actor === 'system' ? '系统' : t.actor}</td><td>${actionLabel(t.action)}</td><td>${t.fromState || t.toState ? `${t.fromState ? stateLabel(t.fromState) : ''} → ${t.toState ? stateLabel(t.toState) : ''}` : ''}</td><td>${maskSecrets(t.note)}</td></tr>`)}
</tbody></table>${c.closedAt ? '' : caseActions(c.number)}`;
}

/** 关联 and 改派 by hand (county, or the township in charge); each is audited. */
function caseActions(number: string): Raw {
  return html`<h2>关联农户 / 改派</h2><div class="card" style="display:flex;gap:24px;flex-wrap:wrap">
<form method="post" action="/console/cases/${number}/link" class="filters"><label>户号或户主姓名（或“都不是”）<input name="target" required maxlength="40"></label><button>关联</button></form>
<form method="post" action="/console/cases/${number}/reassign" class="filters"><label>改派给（同事姓名或账号）<input name="to" required maxlength="64"></label><button>改派</button></form>
</div>`;
}
