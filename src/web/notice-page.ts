import type { RegisterPlaces } from '../domain/ports/register.js';
import type { NoticeRequest } from '../domain/use-cases/make-village-notice.js';
import type { VillageNotice } from '../domain/register/village-notice.js';
import { html, options, rawString, type Raw } from './html.js';

const NOTICE_STYLE = `.notice{background:#fff;padding:24px 32px;max-width:860px;font-size:15px}
.notice h2{text-align:center;font-size:22px;margin:0 0 8px}.notice .sub{text-align:center;color:#52606d;margin-bottom:12px}
.notice table{width:100%;border-collapse:collapse}.notice th,.notice td{border:1px solid #52606d;padding:6px 8px;text-align:center}
.notice .text{margin-top:14px;line-height:1.8}.notice .sign{text-align:right;margin-top:24px}
@media print{body{background:#fff}.notice{padding:0;max-width:none}}`;

/** The notice itself: the same block on the console and on the print page. */
export function noticeBlock(n: VillageNotice): Raw {
  return html`<section class="notice" id="notice"><h2>${n.title}</h2>
<div class="sub">${n.township} ${n.village}${n.period ? `　公示期：${n.period.from} 至 ${n.period.to}` : ''}</div>
<div class="scroll"><table><thead><tr><th>序号</th><th>户主姓名</th><th>户主身份证号</th><th>家庭人口</th><th>事项</th><th>类别</th><th>${n.period ? '公示开始' : '日期'}</th></tr></thead><tbody>
${
  n.lines.length
    ? n.lines.map(
        (l) =>
          html`<tr><td>${l.no}</td><td>${l.headName}</td><td>${l.maskedId}</td><td>${l.persons} 人</td><td>${l.matter}</td><td>${l.category}</td><td>${l.date}</td></tr>`,
      )
    : html`<tr><td colspan="7">${n.period === null && n.title.includes('结果') ? '本月没有纳入或消除的农户' : '目前没有处于公示期的农户'}</td></tr>`
}</tbody></table></div>
<p class="text">${n.text}</p><p class="sign">${n.issuedBy}<br>${n.issuedOn}</p></section>`;
}

/** 村级公示 on the console: pick the village and contact, see the notice, print it or download it. */
export function noticePage(
  places: RegisterPlaces,
  q: Partial<NoticeRequest>,
  n: VillageNotice | null,
  query: string,
): Raw {
  return html`<style>${NOTICE_STYLE}</style><p><a href="/console/register">← 监测对象</a></p><h1>村级公示</h1>
<p class="muted">公示不显示电话、银行账户和健康状况；身份证号只显示后四位。拟纳入、拟消除的农户在其程序进入「村级公示」后列出。</p>
<form class="filters" method="get" action="/console/register/notice">
<label>村<select name="village" required>${options(
    places.villages.map((v) => [v.id, v.name] as const),
    q.village,
    '请选择',
  )}</select></label>
<label>类型<select name="kind">${options(
    [
      ['notice', '公示（拟纳入/拟消除）'],
      ['result', '结果公告'],
    ] as const,
    q.kind,
    '公示',
  )}</select></label>
<label>月份（结果公告）<input name="month" placeholder="2026-11" value="${q.month ?? ''}"></label>
<label>异议联系人<input name="person" value="${q.person ?? ''}"></label><label>联系电话<input name="phone" value="${q.phone ?? ''}"></label>
<button>生成</button></form>
${
  n
    ? html`<p class="actions"><a class="button" href="/console/register/notice/print?${query}" target="_blank">打印页</a>
<a class="button plain" href="/console/register/notice.xlsx?${query}">下载 XLSX</a></p>${noticeBlock(n)}`
    : html`<p class="muted">请选择村。</p>`
}`;
}

/** A page of its own to print and post on the village notice board (no console frame). */
export function noticePrintPage(n: VillageNotice): string {
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${rawString(html`${n.title}`)}</title>
<style>body{font-family:system-ui,"PingFang SC","Microsoft YaHei",sans-serif;margin:24px}${NOTICE_STYLE}</style></head>
<body>${rawString(noticeBlock(n))}</body></html>`;
}
