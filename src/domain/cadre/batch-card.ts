import { isClosed, STATE_LABEL } from '../cases/case-lifecycle.js';
import { formatLocal } from '../local-time.js';
import type { BatchItem, BatchView } from '../ports/card-batches.js';
import { WARNING_HIGH, workOrder } from '../triage/warning-score.js';

/** WeCom's task_id of a summary card. */
export const batchCardId = (batchId: number) => `sw-batch-${batchId}`;
export function batchIdOfCard(cardId: string): number | null {
  const m = /^sw-batch-(\d+)(?:-r\d+)?$/.exec(cardId);
  return m ? Number(m[1]) : null;
}

/** The summary card's buttons (keys of button-command.ts). */
export const BATCH_KEYS = { ack: 'batch-ack', all: 'batch-all' } as const;

/** How much of the list a card's quote area holds (WeCom's limit is not documented; cards are kept short). */
const QUOTE_CHARS = 480;

const waiting = (i: BatchItem) => i.taskState === 'open' && i.caseState === 'assigned';

/** The burst's tasks in work order: 绿色通道, households scoring 高, the soonest 签收 deadline. */
export function batchOrder(items: readonly BatchItem[]): BatchItem[] {
  return [...items].sort((a, b) => workOrder({ ...a, dueAt: a.ackDueAt }, { ...b, dueAt: b.ackDueAt }));
}

/** 医保局预警 46 户 when one department sent them all, otherwise 新预警 46 户. */
export function batchTitle(items: readonly BatchItem[]): string {
  const sources = new Set(items.map((i) => i.source));
  return `${sources.size === 1 ? [...sources][0] : '新'}预警 ${items.length} 户`;
}

/** One line per task: the last 4 digits of its number (they work in every command), the household, its state. */
export function batchLine(i: BatchItem, n?: number): string {
  const tags = `${i.green ? '【绿色通道】' : ''}${i.score >= WARNING_HIGH ? `【预警${i.score}分】` : ''}`;
  const who = i.headName ? `${i.headName}户（${i.villageName ?? ''}）` : `未匹配农户（${i.villageName ?? ''}）`;
  const state = i.taskState === 'transferred' ? '已转交他人' : STATE_LABEL[i.caseState];
  return `${n === undefined ? '' : `${n}. `}${tags}${i.caseNumber.slice(-4)} ${who} ${state}`;
}

/** The summary card: counts, the list (as much as fits), 批量签收 while any wait for it, 查看全部. */
export function batchCard(v: BatchView, timeZone: string, cardId = batchCardId(v.batchId)): Record<string, unknown> {
  const items = batchOrder(v.items);
  const green = items.filter((i) => i.green).length;
  const open = items.filter(waiting);
  const lines: string[] = [];
  let used = 0;
  for (const i of items) {
    const line = batchLine(i);
    if (used + line.length + 1 > QUOTE_CHARS) break;
    lines.push(line);
    used += line.length + 1;
  }
  if (lines.length < items.length) lines.push(`……另有 ${items.length - lines.length} 户，请点「查看全部」。`);
  const due = open
    .map((i) => i.ackDueAt)
    .filter((d): d is Date => d !== null)
    .sort((a, b) => a.getTime() - b.getTime())[0];
  const settled = items.filter((i) => !waiting(i)).length;
  const state = open.length
    ? `${open.length} 户待签收${settled ? `，${settled} 户已签收或在办` : ''}`
    : items.every((i) => i.taskState !== 'open' || isClosed(i.caseState))
      ? '已全部办结或转交'
      : '已全部签收';
  return {
    card_type: 'button_interaction',
    source: { desc: '守望·防返贫监测', desc_color: green ? 2 : 0 },
    main_title: {
      title: `${batchTitle(items)}${green ? `，其中 ${green} 户绿色通道` : ''}`.slice(0, 26),
      desc: green ? '绿色通道的已逐户另发卡片，请先办理。' : '请逐户入户核实，可先批量签收。',
    },
    quote_area: { type: 0, title: '名单（编号后 4 位可直接用于指令）', quote_text: lines.join('\n') },
    horizontal_content_list: [
      { keyname: '状态', value: state.slice(0, 30) },
      ...(due ? [{ keyname: '签收时限', value: formatLocal(due, timeZone) }] : []),
      ...(v.lastStep
        ? [
            {
              keyname: '最近办理',
              value: `${v.lastStep.name} ${formatLocal(v.lastStep.at, timeZone)} ${v.lastStep.what}`,
            },
          ]
        : []),
    ],
    task_id: cardId,
    button_list: [
      ...(open.length ? [{ key: BATCH_KEYS.ack, text: `批量签收（${open.length} 户）`, style: 1 }] : []),
      { key: BATCH_KEYS.all, text: '查看全部', style: 2 },
    ],
  };
}
