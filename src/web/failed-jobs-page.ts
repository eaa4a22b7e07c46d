import { formatLocal } from '../domain/local-time.js';
import type { FailedJob } from '../domain/use-cases/retry-failed-job.js';
import { html, type Raw } from './html.js';

export interface DeadLetterRow {
  source: string;
  sourceMsgId: string;
  reason: string;
  at: Date;
}

const SOURCE_LABEL: Record<string, string> = { kf: '微信客服' };
const QUEUE_LABEL: Record<string, string> = { intake: '接收', notify: '发送', schedule: '定时' };

/** Jobs that failed for good, with the reason and a 重试 button each (county staff only). */
export function failedJobsPage(
  jobs: FailedJob[],
  dead: DeadLetterRow[],
  ctx: { timeZone: string; retried?: string },
): Raw {
  return html`<h1>失败任务（${jobs.length}）</h1>
<p class="muted">重试次数用完或被企业微信拒收的任务。排除原因后点“重试”，任务会重新执行一次完整的重试周期，操作记入审计日志。</p>
${ctx.retried ? html`<p class="ok">已重新排队：${ctx.retried}</p>` : ''}
<table id="failed-jobs"><thead><tr><th style="white-space:nowrap">队列</th><th>任务</th><th>编号</th><th>已试</th><th>失败原因</th><th>失败时间</th><th></th></tr></thead><tbody>
${
  jobs.length
    ? jobs.map(
        (
          j,
        ) => html`<tr><td style="white-space:nowrap">${QUEUE_LABEL[j.queue] ?? j.queue}</td><td>${j.name}</td><td>${j.id}</td>
<td>${j.inQueue ? `${j.attemptsMade} 次` : html`<span class="muted">队列中已无此任务，按发送记录重发</span>`}</td>
<td>${j.reason}</td><td>${j.failedAt ? formatLocal(j.failedAt, ctx.timeZone) : ''}</td>
<td style="white-space:nowrap"><form method="post" action="/console/failed/retry"><input type="hidden" name="queue" value="${j.queue}"><input type="hidden" name="id" value="${j.id}"><button>重试</button></form></td></tr>`,
      )
    : html`<tr><td colspan="7" class="muted">没有失败任务</td></tr>`
}
</tbody></table>
<h2>无法接收的消息（${dead.length}）</h2>
<p class="muted">收到后无法保存的消息已另存，接收继续进行，不会卡住后面的消息。原文保存在数据库 dead_letters 表中。</p>
<table id="dead-letters"><thead><tr><th>来源</th><th>消息编号</th><th>原因</th><th>时间</th></tr></thead><tbody>
${
  dead.length
    ? dead.map(
        (d) => html`<tr><td>${SOURCE_LABEL[d.source] ?? d.source}</td><td>${d.sourceMsgId.slice(0, 64)}</td>
<td>${d.reason}</td><td>${formatLocal(d.at, ctx.timeZone)}</td></tr>`,
      )
    : html`<tr><td colspan="4" class="muted">没有</td></tr>`
}
</tbody></table>`;
}
