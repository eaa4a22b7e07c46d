import { toHalfWidth } from '../id-card.js';
import type { RiskType } from '../policy.js';
import type { Classification } from '../triage/classify-report.js';
import { shouldMerge } from '../triage/merge-rule.js';

/**
 * What a villager's message means once they have a receipt: a question about their case, thanks or
 * small talk, a wish to drop the matter, a new and different hardship, or more about the same one.
 * Only the last is evidence on the case.
 */
export type FollowUpKind = 'status' | 'thanks' | 'withdraw' | 'new_hardship' | 'evidence';
export type FollowUp = { kind: Exclude<FollowUpKind, 'new_hardship'>; caseId: number } | { kind: 'new_hardship' };

/** One of the villager's open cases; the one the dialog last spoke of comes first. */
export interface OpenCaseOfVillager {
  id: number;
  riskTypes: readonly RiskType[];
}

// The ways villagers ask how things stand ("办得怎么样了", "查一下进度", "什么时候来").
const STATUS_RE =
  /(?:办|处理|弄|搞|解决)(?:得|的)?(?:怎么样|咋样|如何)|进度|进展|结果|(?:什么时候|啥时候|几时|哪天|多久)(?:能|会|才|可以)?(?:来|到|办|处理|解决|上门|联系|有)|还没(?:有)?(?:人)?(?:来|联系|处理|办|回复|消息|动静)|有(?:人|结果|消息)(?:管|了)?(?:吗|没)|到哪(?:一)?步|查(?:一下|一查|询)?(?:我的|我家|这个)?(?:事|进度|情况|编号)|怎么样了/;
// The villager says the matter is settled or no longer wanted: recorded as their wish, the cadre decides.
const WITHDRAW_RE =
  /已经解决|问题解决了|解决好了|(?:不用|不需要|不必)(?:了|再|来|麻烦|管|帮|处理|办)|撤销|撤回|算了吧?$|不要了/;
// Thanks, greetings and acknowledgements, once punctuation and particles are gone.
const POLITE_WORDS = [
  '谢谢',
  '多谢',
  '感谢',
  '辛苦',
  '麻烦',
  '收到',
  '知道',
  '明白',
  '晓得',
  '再见',
  '拜拜',
  '在吗',
  '在不在',
  '大家',
  '同志',
  '干部',
  '好',
  '行',
  '嗯',
  '哦',
  '噢',
  '你',
  '您',
  'ok',
  '👍',
  '🙏',
];
const POLITE_RE = new RegExp(`^(?:${POLITE_WORDS.join('|')})+$`, 'u');
const FILLER_RE = /[\s，,。.!！?？~～、…]|[啊呀哈了的们啦吧哟喔呢嘛]/gu;

/**
 * Decides what a follow-up message is and which open case it concerns. A hardship is told apart by the
 * triage classifier: it is evidence on the open case whose risk types it shares or is related to by
 * policy, and a new report when there is none.
 */
export function classifyFollowUp(
  text: string,
  classification: Classification | null,
  open: readonly [OpenCaseOfVillager, ...OpenCaseOfVillager[]],
  related: readonly (readonly RiskType[])[],
): FollowUp {
  const t = toHalfWidth(text).trim().toLowerCase();
  const caseId = open[0].id;
  if (!t) return { kind: 'evidence', caseId }; // a picture or a voice message
  const hardship = classification?.riskTypes ?? [];
  if (hardship.length > 0) {
    const same = open.find((o) => shouldMerge(o.riskTypes, hardship, related));
    return same ? { kind: 'evidence', caseId: same.id } : { kind: 'new_hardship' };
  }
  if (WITHDRAW_RE.test(t)) return { kind: 'withdraw', caseId };
  if (STATUS_RE.test(t)) return { kind: 'status', caseId };
  const bare = t.replace(FILLER_RE, '');
  if (!bare || POLITE_RE.test(bare)) return { kind: 'thanks', caseId };
  return { kind: 'evidence', caseId };
}

export const THANKS_REPLY = '不客气，这是我们应该做的。有新情况随时发消息给我们。';
export const WITHDRAW_REPLY = '好的，已把您的意思转告负责干部。是否办结由干部核实后决定，如还有困难请随时告诉我们。';
