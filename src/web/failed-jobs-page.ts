import type { FailedJob } from '../domain/use-cases/retry-failed-job.js';
import { dataTable } from './data-table.js';
import { dateTime } from './dates.js';
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
${dataTable<FailedJob>(
  'failed-jobs',
  [
    { head: '队列', cell: (j) => QUEUE_LABEL[j.queue] ?? j.queue },
    { head: '任务', cell: (j) => j.name },
    { head: '编号', cell: (j) => j.id },
    {
      head: '已试',
      cell: (j) =>
        j.inQueue ? `${j.attemptsMade} 次` : html`<span class="muted">队列中已无此任务，按发送记录重发</span>`,
    },
    { head: '失败原因', label: '原因', cell: (j) => j.reason },
    { head: '失败时间', label: '时间', cell: (j) => dateTime(j.failedAt, ctx.timeZone) },
    {
      head: '',
      label: '',
      cell: (j) =>
        html`<form method="post" action="/console/failed/retry"><input type="hidden" name="queue" value="${j.queue}"><input type="hidden" name="id" value="${j.id}"><button>重试</button></form>`,
    },
  ],
  jobs,
  '没有失败任务',
)}
<h2>无法接收的消息（${dead.length}）</h2>
<p class="muted">收到后无法保存的消息已另存，接收继续进行，不会卡住后面的消息。原文保存在数据库 dead_letters 表中。</p>
${dataTable<DeadLetterRow>(
  'dead-letters',
  [
    { head: '来源', cell: (d) => SOURCE_LABEL[d.source] ?? d.source },
    { head: '消息编号', cell: (d) => d.sourceMsgId.slice(0, 64) },
    { head: '原因', cell: (d) => d.reason },
    { head: '时间', cell: (d) => dateTime(d.at, ctx.timeZone) },
  ],
  dead,
  '没有',
)}`;
}
