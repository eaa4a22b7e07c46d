import { toHalfWidth } from '../id-card.js';
import type { MonitoringKind } from '../types.js';

/** What a cadre asked for, by text or by a card button. */
export type Command =
  | { kind: 'my_tasks' }
  | { kind: 'help' }
  | { kind: 'acknowledge'; number: string }
  | { kind: 'verify'; number: string; note: string; income: number | null }
  | { kind: 'include'; number: string; monitoringKind: MonitoringKind }
  | { kind: 'exclude'; number: string; reason: string }
  | { kind: 'assist'; number: string; measure: string }
  | { kind: 'remove_risk'; number: string }
  | { kind: 'review'; number: string; note: string }
  | { kind: 'request_help'; number: string; note: string }
  | { kind: 'transfer'; number: string; to: string }
  /** 关联 by text: a household id or a head's name (or 都不是). */
  | { kind: 'link_to'; number: string; target: string }
  /** 改派: the chain in charge gives the case's task to a colleague. */
  | { kind: 'reassign'; number: string; to: string }
  | { kind: 'merge'; number: string; into: string }
  /** 关联: the case is about this household (an id), or null for 都不是. */
  | { kind: 'link'; number: string; householdId: string | null; via: 'button' | 'command' | 'console' }
  | { kind: 'visit'; visitKind: 'visit' | 'call'; household: string; note: string; income: number | null };

export type ParsedCommand = Command | { kind: 'invalid'; usage: string } | { kind: 'unknown' };

export const USAGE = {
  acknowledge: '签收 编号（例：签收 SW2026000123）',
  verify: '核实 编号 情况（例：核实 SW2026000123 已入户，住院花费3万，人均收入约6500元）',
  include: '纳入 编号 类别（类别：脱贫不稳定户 / 边缘易致贫户 / 突发严重困难户）',
  exclude: '不纳入 编号 原因',
  assist: '帮扶 编号 措施（例：帮扶 SW2026000123 申请医疗救助）',
  remove_risk: '消除 编号',
  review: '回头看 编号 情况',
  request_help: '协助 编号 需要什么帮助',
  transfer: '转交 编号 同事姓名或账号',
  merge: '合并 编号 并入的编号（同一户的重复事项）',
  link: '关联 编号 户号或户主姓名（例：关联 SW2026000123 H0000123；都不是：关联 编号 都不是）',
  reassign: '改派 编号 同事姓名或账号（上级改派给本乡镇的同事）',
  visit: '走访 户号或户主姓名 情况（电话联系用：电话 户号或姓名 情况）',
} as const;

export const HELP_TEXT = [
  '守望·干部指令（空格、全角半角都可以）：',
  '我的任务 —— 查看未办结任务，最急的在前',
  ...Object.values(USAGE),
  '帮助 —— 显示本说明',
].join('\n');

const NUMBER = String.raw`(?:SW)?(\d{10})`;
const SEP = String.raw`[\s:：,，、]*`;

const KINDS: Array<[RegExp, MonitoringKind]> = [
  [/不稳定/, 'unstable'],
  [/边缘/, 'edge'],
  [/突发|严重困难/, 'sudden'],
];

/** Per-capita yearly income named in a note: "人均收入约6500元", "人均纯收入 1.2万". */
export function incomeEstimate(text: string): number | null {
  const m = /人均(?:纯)?(?:收入)?\s*(?:约|大概|大约|为|是|:)?\s*(\d+(?:\.\d+)?)\s*(万)?/.exec(
    toHalfWidth(text).replace(/,(?=\d{3})/g, ''),
  );
  if (!m) return null;
  return Math.round(Number(m[1]) * (m[2] ? 10_000 : 1));
}

/**
 * Full-width letters, digits and spaces folded and spacing collapsed, so "签收　ＳＷ２０２６…" reads like
 * "签收 SW2026…"; Chinese punctuation in notes is left as typed.
 */
function normalize(text: string): string {
  return text
    .replace(/[\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A\u3000]+/g, toHalfWidth)
    .replace(/\s+/g, ' ')
    .trim();
}

type Rule = [verb: RegExp, build: (m: RegExpExecArray) => Command | null, usage: string];

const numbered = (
  verb: string,
  rest: 'none' | 'optional' | 'required',
  build: (n: string, rest: string) => Command | null,
  usage: string,
): Rule => [
  new RegExp(`^(?:${verb})${SEP}(?:${NUMBER}${SEP}(.*))?$`, 'is'),
  (m) => {
    if (!m[1]) return null;
    const tail = (m[2] ?? '').trim();
    if (rest === 'required' && !tail) return null;
    if (rest === 'none' && tail) return null;
    return build(`SW${m[1]}`, tail);
  },
  usage,
];

const RULES: Rule[] = [
  [/^(?:我的任务|任务|待办|我的待办)$/, () => ({ kind: 'my_tasks' }), ''],
  [/^(?:帮助|help|\?|菜单|指令)$/i, () => ({ kind: 'help' }), ''],
  numbered('签收', 'none', (number) => ({ kind: 'acknowledge', number }), USAGE.acknowledge),
  numbered(
    '核实|已入户核实',
    'optional',
    (number, note) => ({ kind: 'verify', number, note, income: incomeEstimate(note) }),
    USAGE.verify,
  ),
  numbered('不纳入', 'required', (number, reason) => ({ kind: 'exclude', number, reason }), USAGE.exclude),
  numbered(
    '纳入',
    'required',
    (number, rest) => {
      const kind = KINDS.find(([re]) => re.test(rest))?.[1];
      return kind ? { kind: 'include', number, monitoringKind: kind } : null;
    },
    USAGE.include,
  ),
  numbered('帮扶', 'required', (number, measure) => ({ kind: 'assist', number, measure }), USAGE.assist),
  numbered('消除|风险消除', 'none', (number) => ({ kind: 'remove_risk', number }), USAGE.remove_risk),
  numbered('回头看', 'optional', (number, note) => ({ kind: 'review', number, note }), USAGE.review),
  numbered('协助|需要协助', 'optional', (number, note) => ({ kind: 'request_help', number, note }), USAGE.request_help),
  numbered('转交', 'required', (number, to) => ({ kind: 'transfer', number, to }), USAGE.transfer),
  numbered('关联', 'required', (number, target) => ({ kind: 'link_to', number, target }), USAGE.link),
  numbered('改派', 'required', (number, to) => ({ kind: 'reassign', number, to }), USAGE.reassign),
  numbered(
    '合并',
    'required',
    (number, rest) => {
      const into = new RegExp(`^${NUMBER}$`, 'i').exec(rest)?.[1];
      return into ? { kind: 'merge', number, into: `SW${into}` } : null;
    },
    USAGE.merge,
  ),
  [
    /^(?:走访|电话)(?:[\s:：,，]+([^\s:：,，]+)[\s:：,，]*(.*))?$/s,
    (m) => {
      const note = (m[2] ?? '').trim();
      if (!m[1] || !note) return null;
      return {
        kind: 'visit',
        visitKind: m.input.startsWith('电话') ? 'call' : 'visit',
        household: m[1],
        note,
        income: incomeEstimate(note),
      };
    },
    USAGE.visit,
  ],
];

/** A cadre's text → the command, a usage hint when the verb is right but the rest isn't, or unknown. */
export function parseCommand(text: string): ParsedCommand {
  const t = normalize(text);
  for (const [re, build, usage] of RULES) {
    const m = re.exec(t);
    if (m) return build(m) ?? { kind: 'invalid', usage };
    // A known verb with unreadable arguments deserves its own usage line, not the whole help.
    const verb = re.source.match(/^\^\(\?:([^)]+)\)/)?.[1];
    if (usage && verb && new RegExp(`^(?:${verb})(?![\\u4e00-\\u9fa5])`).test(t)) return { kind: 'invalid', usage };
  }
  return { kind: 'unknown' };
}

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
