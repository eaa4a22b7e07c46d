import type { SimChat } from '../domain/use-cases/read-sim-chat.js';
import type { SimPeople } from '../domain/use-cases/list-sim-people.js';
import { simRoleLabel } from '../domain/simulator/sim-understood.js';
import { html, raw, rawString, type Raw } from './html.js';
import { simChatScript } from './sim-chat-script.js';
import { SIM_STYLE } from './sim-style.js';

/** The app's name as each side sees it: the cadres' WeCom app and the villagers' 微信客服 account. */
export const SIM_APP = { cadre: '守望帮扶', villager: '守望帮扶平台' } as const;

function frame(title: string, body: Raw, script?: string): string {
  return rawString(html`<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1"><title>${title} · 守望</title>
<style>${raw(SIM_STYLE)}</style></head><body>
<div class="top"><strong>守望 · 防返贫监测</strong><a href="/start">首页</a><a href="/sim">模拟器</a><a href="/console">控制台</a></div>
<div class="wrap">${body}</div>${script ? html`<script>${raw(script)}</script>` : ''}</body></html>`);
}

/** GET /start: where a newcomer begins (the simulator in simulator mode, the console), with how to sign in. */
export function startPage(simulator: boolean): string {
  return frame(
    '开始',
    html`<h1>守望：防止返贫动态监测和帮扶</h1>
<p class="muted">村民经微信客服反映困难，部门推送预警，干部在企业微信里签收、核实、处置。</p>
<div class="tiles">${
      simulator
        ? html`<div class="tile" id="start-sim"><h2><a href="/sim">聊天模拟器</a></h2>
<p>以演示县的村民或干部身份聊天：消息经由内置的模拟企业微信，走与正式环境相同的回调路径。</p>
<p><a href="/sim">打开模拟器 →</a></p></div>`
        : ''
    }<div class="tile" id="start-console"><h2><a href="/console">控制台</a></h2>
<p>县、乡镇工作人员查看案件、逾期清单和走访合规，导入导出名单。</p>
<p class="hint">登录需要令牌：县级用 ADMIN_TOKEN 的值，乡镇用县里发给本乡镇的令牌。${
      simulator
        ? '演示模式下若未设置 ADMIN_TOKEN，本次运行的令牌写在启动日志里（“控制台令牌（本次运行有效）”一行）。'
        : ''
    }</p><p><a href="/console">进入控制台 →</a></p></div></div>`,
  );
}

/** GET /sim: whom to chat as (the avatar is drawn from data-av, so a cell's text is only the name). */
export function simPickerPage({ villagers, cadres }: SimPeople): string {
  return frame(
    '模拟器',
    html`<h1>聊天模拟器</h1><p class="muted">以演示县的村民或干部身份聊天；消息经由内置的模拟企业微信走真实的回调路径，聊天记录重启后仍在。</p>
<h2>村民（微信客服）</h2><table class="people" id="villagers"><tbody>${villagers.map(
      (
        v,
      ) => html`<tr><td><a class="who villager" data-av="${v.head.slice(-2)}" href="/sim/chat?as=villager:${v.id}">${v.head}</a></td><td>${v.village}</td>
<td class="muted">户号 ${v.id}，电话 ${v.phone ?? '无'}，帮扶人 ${v.helperName}</td></tr>`,
    )}</tbody></table>
<h2>干部（企业微信应用）</h2><table class="people" id="cadres"><tbody>${cadres.map(
      (
        c,
      ) => html`<tr><td><a class="who cadre" data-av="${c.name.slice(-2)}" href="/sim/chat?as=cadre:${c.userid}">${c.name}</a></td><td>${simRoleLabel(c.role)}</td>
<td class="muted">${c.userid}</td></tr>`,
    )}</tbody></table>`,
  );
}

/** GET /sim/chat: one chat, drawn and kept current by the page's script from /sim/api/messages. */
export function simChatPage(chat: SimChat, as: string): string {
  const villager = chat.who.kind === 'villager';
  const app = villager ? `${SIM_APP.villager} · 微信客服` : `${SIM_APP.cadre} · 企业微信应用`;
  return frame(
    '模拟器',
    html`<div class="sim"><section class="phone">
<div class="bar"><a href="/sim">‹ 换人</a><div class="title"><b id="app-name">${villager ? SIM_APP.villager : SIM_APP.cadre}</b><small>${app}</small></div>
<button type="button" id="reset" title="清空这段聊天${villager ? '，并让下一条消息开始新的反映' : ''}">重置</button></div>
<div id="chat" data-as="${as}" data-me="${chat.name}" data-kind="${chat.who.kind}" data-app="${villager ? SIM_APP.villager : SIM_APP.cadre}" aria-live="polite"></div>
${villager ? html`<form class="row" method="post" action="/sim/scan?as=${as}"><button type="submit">扫本村的二维码（一村一码）</button></form>` : ''}
<div id="sim-error" role="alert"></div>
<form id="say" class="say"><input id="text" placeholder="${villager ? '例：我家房子漏雨，墙也裂了' : '例：我的任务'}" autocomplete="off" aria-label="消息"><button>发送</button></form>
</section><aside class="panel" id="understood"><h2>${chat.name}</h2><div class="muted">${chat.role}</div>
<dl id="facts"></dl><p class="muted" style="font-size:12px">${villager ? '对话从这位村民的消息里听懂的内容，和由此开出的案件。' : '这位干部在系统里的身份和待办。'}</p></aside></div>`,
    simChatScript,
  );
}
