import { POSTER_LINES } from '../domain/chat/village-entry.js';
import type { VillageRef } from '../domain/ports/village-entry.js';
import { html, raw, rawString, type Raw } from './html.js';

export interface VillageCodeRow extends VillageRef {
  townshipName: string;
  url: string | null;
}

/** 一村一码: each village in the viewer's charge, its link if made, and the poster to print. */
export function villageCodesPage(rows: readonly VillageCodeRow[]): Raw {
  return html`<h1>一村一码</h1>
<p class="muted">每个村一个微信客服二维码：村民扫码后，对话里自动带上本村，报告按本村匹配农户。打印海报贴在村委会、小卖部、卫生室。</p>
<table><thead><tr><th>乡镇</th><th>村</th><th>链接</th><th></th></tr></thead><tbody>${rows.map(
    (r) =>
      html`<tr><td>${r.townshipName}</td><td>${r.name}</td><td class="muted">${r.url ? '已生成' : '未生成'}</td>
<td><a href="/console/village-codes/${r.id}/poster" target="_blank">${r.url ? '打印海报' : '生成并打印海报'}</a></td></tr>`,
  )}</tbody></table>`;
}

/** A printable A4 poster: the village's name, its QR code (SVG), three lines on what to report. */
export function villagePosterPage(village: VillageRef & { townshipName: string }, qrSvg: string): string {
  return rawString(html`<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">
<title>${village.name} · 扫码反映困难</title>
<style>
@page{size:A4;margin:18mm}body{font:18px/1.6 system-ui,"PingFang SC","Microsoft YaHei",sans-serif;color:#111;margin:0 auto;max-width:170mm;text-align:center}
h1{font-size:40px;margin:12mm 0 2mm}h2{font-size:24px;font-weight:500;margin:0 0 8mm}.qr{width:110mm;height:110mm;margin:0 auto}
.qr svg{width:100%;height:100%}ol{text-align:left;font-size:20px;margin:10mm 6mm;padding-left:8mm}li{margin:3mm 0}
.foot{color:#444;font-size:14px}@media print{.noprint{display:none}}
</style></head><body>
<p class="noprint"><button onclick="window.print()">打印</button></p>
<h1>${village.name}</h1><h2>${village.townshipName} · 防返贫 扫码反映困难</h2>
<div class="qr" aria-label="微信扫码">${raw(qrSvg)}</div>
<ol>${POSTER_LINES.map((l) => html`<li>${l}</li>`)}</ol>
<p class="foot">用微信扫一扫，进入「守望」微信客服。您的信息只用于帮扶，不会公开。</p>
</body></html>`);
}
