import type { PairDuty } from './pair-duty-policy.js';

/** The words a cadre types for each duty (the first is the short name shown in usage and on cards). */
export const DUTY_WORDS: Record<PairDuty, readonly string[]> = {
  plan: ['计划', '一户一策', '帮扶计划', '制定计划'],
  call: ['电话', '电话联系', '打电话'],
  visit: ['走访', '入户', '入户走访', '上门'],
  evaluation: ['评价', '年终评价', '总结', '年终总结'],
  problem: ['实事', '办实事', '解决实事', '解决问题', '问题'],
  jobs: ['就业', '就业信息', '岗位', '招聘'],
  tech: ['技术', '技术指导', '技术服务'],
  purchase: ['消费', '消费帮扶', '代购', '帮销', '购买'],
};

/** The duty a word names, or null. */
export function dutyOfWord(word: string): PairDuty | null {
  for (const [duty, words] of Object.entries(DUTY_WORDS)) if (words.includes(word)) return duty as PairDuty;
  return null;
}
