import { batchLine, batchOrder, batchTitle } from '../../cadre/batch-card.js';
import type { Command } from '../../cadre/command.js';
import type { CadreOutcome } from '../../ports/cadre.js';
import type { BatchView } from '../../ports/card-batches.js';
import { caseInCharge } from './case-access.js';
import { caseStep } from './case-step.js';
import { answer, type CommandContext } from './command-context.js';

type BatchCommand = Extract<Command, { kind: 'acknowledge_batch' | 'batch_list' }>;

/** The summary the command means (the pressed one, or the cadre's newest); only its cadre may use it. */
async function summary(ctx: CommandContext, cmd: BatchCommand): Promise<BatchView | string> {
  const id = cmd.batchId ?? (await ctx.store.latestBatch(ctx.actor.userid));
  const view = id === null ? null : await ctx.store.batchView(id);
  if (!view) return '您目前没有汇总卡片上的预警名单。单项任务请发送「签收 编号」，发送「我的任务」可查看全部任务。';
  if (view.cadre !== ctx.actor.userid) return '这张汇总卡片不是发给您的，不能办理。请发送「我的任务」查看您的任务。';
  return view;
}

/**
 * 批量签收: each task of the summary still waiting is acknowledged as if 签收 were sent for it (checked
 * and audited one by one, with the villager told), then the summary itself is audited.
 */
export async function acknowledgeBatch(ctx: CommandContext, cmd: BatchCommand): Promise<CadreOutcome> {
  const view = await summary(ctx, cmd);
  if (typeof view === 'string') return answer(view);
  let done = 0;
  let already = 0;
  let refused = 0;
  const villagers = new Set<string>();
  const redraw: number[] = [];
  for (const item of view.items) {
    if (item.taskState !== 'open' || item.caseState !== 'assigned') {
      already++;
      continue;
    }
    const found = await caseInCharge(ctx, item.caseNumber, 'acknowledge_batch');
    if ('reply' in found) {
      refused++;
      continue;
    }
    const out = await caseStep({ ...ctx, ...found }, 'acknowledge', '批量签收');
    if (!out.changed) {
      already++;
      continue;
    }
    done++;
    for (const v of out.villagers) villagers.add(v);
    if (item.green) redraw.push(item.taskId); // their own cards went out; the rest are on the summary
  }
  await ctx.store.audit({
    actor: ctx.actor.userid,
    action: 'acknowledge-batch',
    entity: 'card_batch',
    entityId: String(view.batchId),
    note: `批量签收 ${done} 户`,
    at: ctx.now,
  });
  const reply = [
    done ? `已批量签收 ${done} 户（${batchTitle(view.items)}）。` : '这张汇总卡片上已没有待签收的任务。',
    already ? `另有 ${already} 户此前已签收或已在办理。` : '',
    refused ? `${refused} 户已不在您负责的范围内，未签收。` : '',
    done ? '请在时限内逐户入户核实；发送「我的任务」可查看全部任务。' : '',
  ].join('');
  return answer(reply, {
    changed: done > 0,
    refreshBatch: view.batchId,
    redraw,
    villagers: [...villagers],
  });
}

/** WeCom cuts a text at 2,048 bytes: each part stays below, with room for its first and last line. */
const CHUNK_BYTES = 1700;
const bytes = (t: string) => new TextEncoder().encode(t).length;

/** 查看全部: the whole list, numbered (the numbers work in the next commands), in as many texts as it takes. */
export async function listBatch(ctx: CommandContext, cmd: BatchCommand): Promise<CadreOutcome> {
  const view = await summary(ctx, cmd);
  if (typeof view === 'string') return answer(view);
  const items = batchOrder(view.items);
  await ctx.store.saveListRef(
    ctx.actor.userid,
    items.map((i) => i.caseNumber),
    ctx.now,
  );
  const lines = items.map((i, n) => batchLine(i, n + 1));
  const texts: string[] = [];
  let chunk: string[] = [];
  for (const line of lines) {
    if (bytes([...chunk, line].join('\n')) > CHUNK_BYTES && chunk.length) {
      texts.push(chunk.join('\n'));
      chunk = [];
    }
    chunk.push(line);
  }
  texts.push(chunk.join('\n'));
  const head = `${batchTitle(view.items)}，全部名单如下（绿色通道在前）：`;
  const tail = '办理时可以用序号或编号后 4 位，例如「核实 3 已入户」。';
  const all = texts.map((t, i) =>
    [i === 0 ? head : `（续 ${i + 1}/${texts.length}）`, t, ...(i === texts.length - 1 ? [tail] : [])].join('\n'),
  );
  return answer(all[0]!, {
    refreshBatch: view.batchId,
    notices: all.slice(1).map((content) => ({ touser: ctx.actor.userid, content })),
  });
}
