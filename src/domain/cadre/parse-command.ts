import { toHalfWidth } from '../id-card.js';
import { MEASURE_USAGE, parseAssist, parseMeasureEffect, parseMeasureStatus } from './parse-measure.js';
import type { MonitoringKind } from '../types.js';
import type { Command, ParsedCommand } from './command.js';
import { USAGE } from './command-usage.js';
import { CASE_REF, normalCaseRef } from './case-ref.js';
import { overrideReasonOf, parseProcedureCommand, removalModeOf } from './procedure-command.js';
import { dutyOfWord } from '../pair-duty/duty-words.js';
import { parseRoundCommand } from './round-command.js';

export type { Command, ParsedCommand } from './command.js';
export { HELP_TEXT, USAGE } from './command-usage.js';
export { BUTTON_COMMAND, buttonCommand, linkButtonKey, type ButtonKey } from './button-command.js';

const NUMBER = CASE_REF;
const SEP = String.raw`[\s:：,，、]*`;
const WHOLE_NUMBER = new RegExp(`^${NUMBER}$`, 'i');

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
    return build(normalCaseRef(m[1]), tail);
  },
  usage,
];

const RULES: Rule[] = [
  [/^(?:我的任务|任务|待办|我的待办)$/, () => ({ kind: 'my_tasks' }), ''],
  [/^(?:观察名单|观察对象|观察户)$/, () => ({ kind: 'observation_list' }), ''],
  [/^(?:帮助|help|\?|菜单|指令)$/i, () => ({ kind: 'help' }), ''],
  [/^(?:帮助|help)\s*(\S+)$/i, (m) => ({ kind: 'help', topic: m[1] }), ''],
  [/^(?:批量签收|全部签收)$/, () => ({ kind: 'acknowledge_batch', batchId: null }), ''],
  [/^(?:查看全部|全部名单)$/, () => ({ kind: 'batch_list', batchId: null }), ''],
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
      return kind ? { kind: 'include', number, monitoringKind: kind, override: overrideReasonOf(rest) } : null;
    },
    USAGE.include,
  ),
  numbered('帮扶', 'required', parseAssist, USAGE.assist),
  numbered('措施|一户一策', 'optional', parseMeasureStatus, MEASURE_USAGE.measure_status),
  numbered('成效|措施成效', 'required', parseMeasureEffect, MEASURE_USAGE.measure_effect),
  numbered(
    '消除|风险消除',
    'optional',
    (number, rest) => {
      const mode = removalModeOf(rest);
      return mode ? { kind: 'remove_risk', number, mode } : null;
    },
    USAGE.remove_risk,
  ),
  numbered('回头看', 'optional', (number, note) => ({ kind: 'review', number, note }), USAGE.review),
  numbered('协助|需要协助', 'optional', (number, note) => ({ kind: 'request_help', number, note }), USAGE.request_help),
  numbered('转交', 'required', (number, to) => ({ kind: 'transfer', number, to }), USAGE.transfer),
  numbered('关联', 'required', (number, target) => ({ kind: 'link_to', number, target }), USAGE.link),
  numbered('改派', 'required', (number, to) => ({ kind: 'reassign', number, to }), USAGE.reassign),
  numbered(
    '合并',
    'required',
    (number, rest) => {
      const into = WHOLE_NUMBER.exec(rest)?.[1];
      return into ? { kind: 'merge', number, into: normalCaseRef(into) } : null;
    },
    USAGE.merge,
  ),
  [/^(?:排查清单|待排查|我的排查)$/, () => ({ kind: 'screening_list' }), ''],
  [
    /^(?:排查)(?:[\s:：,，]+([^\s:：,，]+)[\s:：,，]*(.*))?$/s,
    (m) => {
      if (!m[1]) return { kind: 'screening_list' };
      const answer = (m[2] ?? '').trim();
      return answer ? { kind: 'screening', household: m[1], answer } : null;
    },
    USAGE.screening,
  ],
  [
    /^(?:上报)(?:[\s:：,，]+([^\s:：,，]+)[\s:：,，]*(.*))?$/s,
    (m) => {
      const note = (m[2] ?? '').trim();
      return m[1] && note ? { kind: 'report', household: m[1], note, visitId: null } : null;
    },
    USAGE.report,
  ],
  [
    /^(?:8个一|八个一)(?:[\s:：,，]+([^\s:：,，]+))?(?:[\s:：,，]+([^\s:：,，]+))?[\s:：,，]*(.*)$/s,
    (m) => {
      if (!m[1]) return { kind: 'pair_duties', household: null };
      if (!m[2]) return { kind: 'pair_duties', household: m[1] };
      const duty = dutyOfWord(m[2]);
      return duty ? { kind: 'pair_duty', household: m[1], duty, note: (m[3] ?? '').trim(), via: 'text' } : null;
    },
    USAGE.pair_duty,
  ],
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

/**
 * Each rule with, when it has a usage line, the pattern of its verb alone (not followed by another
 * Chinese character), built once: every text that is no command is tried against all of them.
 */
const VERB_RULES = RULES.map(([re, build, usage]): [...Rule, RegExp | undefined] => {
  const verb = re.source.match(/^\^\(\?:([^)]+)\)/)?.[1];
  return [re, build, usage, usage && verb ? new RegExp(`^(?:${verb})(?![\\u4e00-\\u9fa5])`) : undefined];
});

/** A cadre's text → the command, a usage hint when the verb is right but the rest isn't, or unknown. */
export function parseCommand(text: string): ParsedCommand {
  const round = parseRoundCommand(text);
  if (round) return round;
  const t = normalize(text);
  const procedure = parseProcedureCommand(t);
  if (procedure) return procedure;
  for (const [re, build, usage, verb] of VERB_RULES) {
    const m = re.exec(t);
    if (m) return build(m) ?? { kind: 'invalid', usage };
    // A known verb with unreadable arguments deserves its own usage line, not the whole help.
    if (verb?.test(t)) return { kind: 'invalid', usage };
  }
  return { kind: 'unknown' };
}
