import { addProgress, doneShare, outstanding, scopeText } from '../domain/campaign/campaign.js';
import { lastDay } from '../domain/campaign/campaign-notice.js';
import type { FoundRisk, VillageProgress } from '../domain/ports/campaigns.js';
import { percentText } from '../domain/statistics/dashboard.js';
import type { CampaignView } from '../domain/use-cases/show-campaign.js';
import type { UploadOutcome } from '../domain/use-cases/upload-screening-results.js';
import { CAMPAIGN_STYLE, campaignState, progressColumns, progressSeries } from './campaign-list-page.js';
import { type ChartSpec, chartBox, chartScripts } from './dashboard-charts.js';
import { type Column, dataTable } from './data-table.js';
import { dateTime } from './dates.js';
import { html, type Raw, raw } from './html.js';

function uploadResult(r: UploadOutcome): Raw {
  if ('error' in r) return html`<p class="error" id="upload-summary">${r.error}</p>`;
  const summary = `共 ${r.rows} 行：写入 ${r.written} 户（发现风险并上报 ${r.reported} 户），与已有结果相同 ${r.unchanged} 户，错误 ${r.errors.length} 行；未填写结果的 ${r.blank} 行保持未排查。`;
  return html`<p class="${r.errors.length ? 'error' : 'ok'}" id="upload-summary">${summary}</p>${
    r.errors.length
      ? dataTable(
          'upload-errors',
          [
            { head: '行号', cell: (e) => `第 ${e.row} 行` },
            { head: '原因', cell: (e) => e.reason },
          ],
          r.errors,
          '',
        )
      : ''
  }`;
}

/** One campaign: tiles, progress per village as a chart and a table, the risks found, and the results upload. */
export function campaignPage(
  view: CampaignView,
  ctx: { timeZone: string; now: Date; county: boolean; upload?: UploadOutcome; started?: boolean },
): Raw {
  const c = view.campaign;
  const p = c.progress;
  const spec: ChartSpec = {
    id: 'chart-villages',
    title: '各村排查进度（户）',
    categories: view.villages.map((v) => (ctx.county ? `${v.townshipName} ${v.villageName}` : v.villageName)),
    series: progressSeries(view.villages),
    horizontal: true,
  };
  const villageColumns: Column<VillageProgress>[] = [
    { head: '乡镇', cell: (v) => v.townshipName },
    { head: '村', cell: (v) => v.villageName },
    { head: '负责干部', cell: (v) => (v.villageId ? v.cadres.join('、') || '（无人负责）' : '') },
    ...progressColumns<VillageProgress>(),
  ];
  const riskColumns: Column<FoundRisk>[] = [
    { head: '户号', cell: (r) => r.householdId },
    { head: '户主', cell: (r) => r.headName },
    { head: '村', cell: (r) => r.villageName },
    { head: '发现的情况', cell: (r) => r.note },
    { head: '排查人', cell: (r) => r.screenedBy },
    { head: '时间', cell: (r) => dateTime(r.screenedAt, ctx.timeZone) },
    {
      head: '案件',
      cell: (r) =>
        r.caseNumber ? html`<a href="/console/cases/${r.caseNumber}">${r.caseNumber}</a>` : '分派中（稍后显示编号）',
    },
  ];
  const total = addProgress(view.villages);
  return html`${raw(CAMPAIGN_STYLE)}<h1>集中排查：${c.name}</h1>
<p class="muted">范围：${scopeText(c.scope, view.names)}。截止 ${lastDay(c.deadline, ctx.timeZone)}（${campaignState(c, ctx.now)}）。${ctx.county ? '' : '只显示本乡镇的农户。'}<a href="/console/campaigns">返回集中排查列表</a></p>
${ctx.started ? html`<p class="ok" id="started">排查已发起：${p.total} 户的排查任务已分派，负责的干部已收到企业微信消息。</p>` : ''}
${ctx.upload ? uploadResult(ctx.upload) : ''}
<div class="tiles" id="tiles">
<div class="tile"><span>应排查</span><b>${p.total} 户</b><span>${view.villages.length} 个村</span></div>
<div class="tile"><span>已排查</span><b>${p.clear + p.risks} 户</b><span>完成率 ${percentText(doneShare(p))}</span></div>
<div class="tile"><span>发现风险</span><b>${p.risks} 户</b><span>已按干部排查上报</span></div>
<div class="tile"><span>未排查</span><b>${outstanding(p)} 户</b><span>${campaignState(c, ctx.now) === '已截止' && outstanding(p) ? '已过截止日期' : '待干部回复'}</span></div>
</div>
<section class="panel"><h2>${spec.title}</h2><style>#chart-villages{height:${Math.max(280, 60 + 28 * view.villages.length)}px}</style>${chartBox(spec)}</section>
<h2>各村进度</h2>${dataTable('villages-table', villageColumns, [...view.villages, { ...total, villageId: '', villageName: '合计', townshipName: '', cadres: [] }], '没有农户')}
<h2>发现的风险</h2>${dataTable('risks-table', riskColumns, view.risks, '还没有发现风险')}
<h2>上传排查结果</h2>
<div class="card"><p>干部也可以在企业微信里逐户回复「排查 户号 无」或「排查 户号 发现的情况」。汇总填表的，请下载排查表，在「排查结果」填写「无风险」或「发现风险」，发现风险的在「情况说明」写明情况，再上传。有错误的行会列出行号和原因，其余行照常写入。</p>
<form method="post" action="/console/campaigns/${c.id}/results" enctype="multipart/form-data" class="filters">
<label>文件（.xlsx 或 .csv）<input type="file" name="file" accept=".csv,.xlsx" required></label><button>上传</button>
<a href="/console/campaigns/${c.id}/results.xlsx" id="results-template">下载排查表（XLSX）</a></form></div>
${chartScripts([spec])}`;
}
