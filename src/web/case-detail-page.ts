import { maskIdNumber, maskSecrets } from '../domain/privacy.js';
import { sourceLabel } from '../domain/cases/describe-timeline.js';
import type { ConsoleCaseView } from '../domain/use-cases/show-console-case.js';
import { LABOUR, riskLabels, scoreLevel, stateLabel } from './case-labels.js';
import { urgencyTag } from './case-list-page.js';
import { dataTable } from './data-table.js';
import { dateTime } from './dates.js';
import { html, type Raw } from './html.js';
import { ROLE_LABEL, type CadreRole } from '../domain/types.js';

type Detail = ConsoleCaseView['case'];

/** The household's early-warning score, each reason with its points, so a supervisor can check it. */
function warningCard(c: Detail, at: (d: Date | null) => string): Raw {
  const score = c.warningScore ?? 0;
  const reasons = c.warningReasons ?? [];
  return html`<div class="card" id="warning-score"><b>预警分 ${score}（${scoreLevel(score)}）</b>${c.warningAt ? html` <span class="muted">${at(c.warningAt)} 计算</span>` : ''}
${reasons.length ? html`<ul>${reasons.map((r) => html`<li>+${r.points} ${r.text}</li>`)}</ul>` : html`<p class="muted">暂无预警信号。</p>`}</div>`;
}

function householdPart(view: ConsoleCaseView, fullIds: boolean, at: (d: Date | null) => string): Raw {
  const c = view.case;
  if (!c.householdId)
    return html`<p class="muted">未匹配到农户（${c.village ?? '村未知'}），请在下方「关联农户」填写户号或户主姓名。</p>`;
  return html`<div class="card"><dl><dt>户主</dt><dd>${c.head}（户号 ${c.householdId}）</dd><dt>村</dt><dd>${c.village}${c.townshipName ? `（${c.townshipName}）` : ''}</dd>
<dt>人均纯收入</dt><dd>${c.income === null ? '未登记' : `${c.income.toLocaleString('en-US')} 元`}</dd></dl></div>
${warningCard(c, at)}
${dataTable(
  'members',
  [
    { head: '姓名', cell: (m) => m.name },
    { head: '关系', cell: (m) => m.relation },
    { head: '证件号', cell: (m) => (m.idNumber ? (fullIds ? m.idNumber : maskIdNumber(m.idNumber)) : '未登记') },
    { head: '劳动能力', cell: (m) => (m.labour ? (LABOUR[m.labour] ?? m.labour) : '未登记') },
    { head: '残疾', cell: (m) => m.disability },
    { head: '在学', cell: (m) => m.schooling },
  ],
  view.members,
  '未登记家庭成员',
)}`;
}

/** 关联农户, 改派, 督办, 备注 by hand (county, or the township in charge); each is audited. */
function caseActions(number: string, open: boolean): Raw {
  const form = (verb: string, field: Raw, button: string) =>
    html`<form method="post" action="/console/cases/${number}/${verb}" class="filters" id="action-${verb}">${field}<button>${button}</button></form>`;
  return html`<h2>办理</h2><div class="card actions">
${open ? form('link', html`<label>关联农户：户号或户主姓名（或“都不是”）<input name="target" required maxlength="40"></label>`, '关联') : ''}
${open ? form('reassign', html`<label>改派给（同事姓名或企业微信账号）<input name="to" required maxlength="64"></label>`, '改派') : ''}
${open ? form('urge', html`<label>督办意见（可不填；提醒责任人并告知其上级）<input name="text" maxlength="200"></label>`, '督办') : ''}
${form('note', html`<label>备注（记入办理经过）<input name="text" required maxlength="500"></label>`, '添加备注')}
</div>`;
}

/** The case page; `sections` are what other features add (e.g. the procedure), drawn before 办理经过. */
export function caseDetailPage(
  view: ConsoleCaseView,
  ctx: { fullIds: boolean; timeZone: string; now: Date; sections?: Raw[] },
): Raw {
  const c = view.case;
  const at = (d: Date | null) => dateTime(d, ctx.timeZone);
  const evidence = c.evidence as Array<{ kind?: string; text?: string; at?: string; source?: string }>;
  const holder = c.holder
    ? `${c.holderRole ? (ROLE_LABEL[c.holderRole as CadreRole] ?? '') : ''}${c.holder}`
    : '无（未派发或已办结）';
  return html`<h1>案件 ${c.number} ${urgencyTag(c.urgency)}${c.kind === 'observe' ? html` <span class="tag">观察</span>` : ''}</h1>
<div class="card"><dl>
<dt>状态</dt><dd id="case-state">${stateLabel(c.state)}</dd><dt>风险类型</dt><dd>${riskLabels(c.riskTypes)}</dd>
<dt>来源</dt><dd id="case-source">${sourceLabel(c.source) || '未知'}</dd>
<dt>责任人</dt><dd id="case-holder">${holder}</dd><dt>当前时限</dt><dd class="${c.dueAt && c.dueAt < ctx.now ? 'late' : ''}">${at(c.dueAt) || '无'}</dd>
<dt>情况</dt><dd>${maskSecrets(c.summary)}</dd>${c.verification ? html`<dt>入户核实</dt><dd>${maskSecrets(c.verification)}</dd>` : ''}
<dt>信号</dt><dd>${c.signals} 条</dd><dt>上报时间</dt><dd>${at(c.openedAt)}</dd>${c.closedAt ? html`<dt>办结时间</dt><dd>${at(c.closedAt)}</dd>` : ''}
</dl></div>
<h2>农户</h2>${householdPart(view, ctx.fullIds, at)}
<h2>证据与信号</h2>${dataTable(
    'evidence',
    [
      { head: '时间', cell: (e) => (e.at ? at(new Date(e.at)) : '') },
      { head: '来源', cell: (e) => sourceLabel(e.source ?? null) || e.kind },
      { head: '内容', cell: (e) => maskSecrets(String(e.text ?? '')) },
    ],
    evidence,
    '无',
  )}
${ctx.sections ?? ''}
<h2>办理经过</h2>${dataTable(
    'timeline',
    [
      { head: '时间', cell: (t) => at(t.at) },
      { head: '办理人', cell: (t) => t.who },
      { head: '动作', cell: (t) => t.what },
      { head: '状态变化', cell: (t) => t.change },
      { head: '说明', cell: (t) => t.detail },
    ],
    view.timeline,
    '暂无记录',
  )}
${caseActions(c.number, !c.closedAt)}`;
}
