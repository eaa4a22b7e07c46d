import { CAMPAIGN_KINDS, doneShare, outstanding, type Progress, scopeText } from '../domain/campaign/campaign.js';
import { lastDay } from '../domain/campaign/campaign-notice.js';
import { localDateString } from '../domain/local-time.js';
import type { CampaignRow } from '../domain/ports/campaigns.js';
import type { Places } from '../domain/ports/console.js';
import { percentText } from '../domain/statistics/dashboard.js';
import type { CampaignList } from '../domain/use-cases/show-campaigns.js';
import { type ChartSpec, chartBox, chartScripts, DASHBOARD_STYLE } from './dashboard-charts.js';
import { type Column, dataTable } from './data-table.js';
import { html, type Raw, raw } from './html.js';

/** The three parts of a campaign's households, in the order the charts stack them. */
export const progressSeries = (rows: Progress[]): ChartSpec['series'] => [
  { name: '已排查无风险', data: rows.map((r) => r.clear), stack: 'p', color: '#16a34a' },
  { name: '发现风险', data: rows.map((r) => r.risks), stack: 'p', color: '#b91c1c' },
  { name: '未排查', data: rows.map(outstanding), stack: 'p', color: '#cbd2d9' },
];

/** 已排查 / 发现风险 / 未排查 / 完成率 columns of any row with progress. */
export const progressColumns = <T extends Progress>(): Column<T>[] => [
  { head: '应排查', cell: (r) => r.total },
  { head: '已排查', cell: (r) => r.clear + r.risks },
  { head: '发现风险', cell: (r) => r.risks, className: (r) => (r.risks ? 'late' : '') },
  { head: '未排查', cell: (r) => outstanding(r) },
  { head: '完成率', cell: (r) => percentText(doneShare(r)) },
];

export const CAMPAIGN_STYLE = `${DASHBOARD_STYLE}<style>
.scopes{display:grid;grid-template-columns:repeat(auto-fit,minmax(min(100%,260px),1fr));gap:8px;margin:6px 0}
.scopes fieldset{border:1px solid #d9e2ec;border-radius:6px;padding:6px 10px;min-width:0}.scopes label{display:inline-block;margin:2px 10px 2px 0}
.newcampaign input[type=text]{width:min(100%,24em)}</style>`;

export const campaignState = (c: Pick<CampaignRow, 'deadline'>, now: Date) =>
  c.deadline.getTime() > now.getTime() ? '进行中' : '已截止';

function startForm(places: Places, today: string, error?: string): Raw {
  const villages = (t: string) => places.villages.filter((v) => v.townshipId === t);
  return html`<details class="card newcampaign" id="new-campaign"${error ? raw(' open') : ''}><summary><b>发起集中排查</b></summary>
${error ? html`<p class="error" id="campaign-error">${error}</p>` : ''}
<form method="post" action="/console/campaigns">
<p><label>排查名称 <input type="text" name="name" required maxlength="60" placeholder="例：2026年冬季集中排查（收入普查）"></label>
<label>截止日期 <input type="date" name="deadline" required min="${today}"></label></p>
<p>农户类型：${CAMPAIGN_KINDS.map(
    ([k, label]) =>
      html`<label><input type="checkbox" name="kind" value="${k}"${k === 'ordinary' ? '' : raw(' checked')}> ${label}</label> `,
  )}</p>
<p class="muted">范围：勾选乡镇（全乡镇）或其中的村；都不勾选为全县。</p>
<div class="scopes">${places.townships.map(
    (
      t,
    ) => html`<fieldset><legend><label><input type="checkbox" name="township" value="${t.id}"> ${t.name}（全乡镇）</label></legend>
${villages(t.id).map((v) => html`<label><input type="checkbox" name="village" value="${v.id}"> ${v.name}</label>`)}</fieldset>`,
  )}</div>
<p class="muted">每户的排查任务按帮扶责任人分派，没有帮扶责任人的分派给包村干部；每位干部收到一条企业微信消息，列出他负责的农户和回复方法。</p>
<button>发起排查并通知干部</button></form></details>`;
}

/** 集中排查: the campaigns with their progress (a chart and a table), and, for county staff, the form to start one. */
export function campaignListPage(
  list: CampaignList,
  ctx: { places: Places; county: boolean; timeZone: string; now: Date; error?: string },
): Raw {
  const rows = list.rows;
  const spec: ChartSpec = {
    id: 'chart-campaigns',
    title: '各次排查进度（户）',
    categories: rows.map((c) => c.name),
    series: progressSeries(rows.map((c) => c.progress)),
    horizontal: true,
  };
  const columns: Column<CampaignRow>[] = [
    { head: '排查', cell: (c) => html`<a href="/console/campaigns/${c.id}">${c.name}</a>` },
    { head: '范围', cell: (c) => scopeText(c.scope, list.names) },
    { head: '截止', cell: (c) => lastDay(c.deadline, ctx.timeZone) },
    { head: '状态', cell: (c) => campaignState(c, ctx.now) },
    ...progressColumns<Progress>().map(
      (col): Column<CampaignRow> => ({
        head: col.head,
        cell: (c) => col.cell(c.progress),
        className: (c) => col.className?.(c.progress) ?? '',
      }),
    ),
  ];
  return html`${raw(CAMPAIGN_STYLE)}<h1>集中排查</h1>
${ctx.county ? startForm(ctx.places, localDateString(ctx.now, ctx.timeZone), ctx.error) : html`<p class="muted">集中排查由县级发起；这里显示本乡镇参加的排查和进度。</p>`}
${
  rows.length
    ? html`<section class="panel"><h2>${spec.title}</h2><style>#chart-campaigns{height:${Math.max(200, 60 + 36 * rows.length)}px}</style>${chartBox(spec)}</section>`
    : html`<p class="muted">还没有集中排查。</p>`
}
${dataTable('campaigns-table', columns, rows, '还没有集中排查')}${rows.length ? chartScripts([spec]) : ''}`;
}
