import type { Command } from './command.js';

/** Card buttons carry the same commands; the key names the step. */
export const BUTTON_COMMAND = {
  ack: (number: string): Command => ({ kind: 'acknowledge', number }),
  verify: (number: string): Command => ({ kind: 'verify', number, note: '（卡片确认，未填写情况）', income: null }),
  help: (number: string): Command => ({ kind: 'request_help', number, note: '' }),
} as const;
export type ButtonKey = keyof typeof BUTTON_COMMAND;

/** 待关联 card buttons: 是 X 户 carries the household id, 都不是 its own key. */
export const linkButtonKey = (householdId: string | null) => (householdId ? `link:${householdId}` : 'link-none');

/** The command a card button carries (a step, or a 待关联 choice); null for a key we never sent. */
export function buttonCommand(key: string, number: string): Command | null {
  if (Object.hasOwn(BUTTON_COMMAND, key)) return BUTTON_COMMAND[key as ButtonKey](number);
  if (key === 'link-none') return { kind: 'link', number, householdId: null, via: 'button' };
  const link = /^link:([\w-]{1,64})$/.exec(key);
  return link ? { kind: 'link', number, householdId: link[1]!, via: 'button' } : null;
}

/** The command a summary card's button carries (批量签收, 查看全部); null for a key we never sent. */
export function batchButtonCommand(key: string, batchId: number): Command | null {
  if (key === 'batch-ack') return { kind: 'acknowledge_batch', batchId };
  if (key === 'batch-all') return { kind: 'batch_list', batchId };
  return null;
}
