import { localMidnight } from '../local-time.js';
import { CASE_REF, normalCaseRef } from './case-ref.js';
import type { RemovalMode } from '../procedure/exit-conditions.js';

/** The procedure's commands (评议, 公示, 审核, 确认), by text or by a procedure card's button. */
export type ProcedureCommand =
  | { kind: 'proc_pass'; number: string; note: string }
  | { kind: 'proc_return'; number: string; reason: string }
  | { kind: 'proc_reject'; number: string; reason: string }
  | {
      kind: 'proc_review';
      number: string;
      passed: boolean;
      /** Local calendar day 'YYYY-MM-DD' of the meeting; null = today. */
      heldOn: string | null;
      participants: string;
      count: number;
      minutes: string;
    }
  | { kind: 'proc_objection'; number: string; text: string }
  | { kind: 'proc_resolve'; number: string; index: number; resolution: string }
  | { kind: 'proc_status'; number: string };

export const PROCEDURE_USAGE = {
  proc_status: '程序 编号 —— 查看认定或消除程序走到哪一步、该谁办',
  proc_review:
    '评议 编号 通过或不通过 参加人数 纪要（例：评议 SW2026000123 通过 参加12人 村民代表一致同意；可加日期 2026-12-01）',
  proc_objection: '异议 编号 内容（公示期间登记群众异议）',
  proc_resolve: '异议处理 编号 序号 核查结果（例：异议处理 SW2026000123 1 经核实不成立）',
  proc_pass: '通过 编号 意见（公示期满、乡镇审核、县级确认时用）',
  proc_return: '退回 编号 原因（退回上一步）',
  proc_reject: '不通过 编号 原因（认定或消除不予通过）',
} as const;

const NUMBER = CASE_REF;
const SEP = String.raw`[\s:：,，、]*`;

type Build = (number: string, rest: string) => ProcedureCommand | null;
const VERBS: Array<[verb: string, build: Build, usage: string]> = [
  ['程序|进度', (number, rest) => (rest ? null : { kind: 'proc_status', number }), PROCEDURE_USAGE.proc_status],
  ['评议|民主评议', review, PROCEDURE_USAGE.proc_review],
  [
    '异议处理|处理异议',
    (number, rest) => {
      const m = /^(\d{1,3})[\s:：,，、.号条]*(.+)$/s.exec(rest);
      return m ? { kind: 'proc_resolve', number, index: Number(m[1]), resolution: m[2]!.trim() } : null;
    },
    PROCEDURE_USAGE.proc_resolve,
  ],
  ['异议', (number, text) => (text ? { kind: 'proc_objection', number, text } : null), PROCEDURE_USAGE.proc_objection],
  [
    '不通过|不予通过',
    (number, reason) => (reason ? { kind: 'proc_reject', number, reason } : null),
    PROCEDURE_USAGE.proc_reject,
  ],
  ['通过|同意', (number, note) => ({ kind: 'proc_pass', number, note }), PROCEDURE_USAGE.proc_pass],
  ['退回', (number, reason) => (reason ? { kind: 'proc_return', number, reason } : null), PROCEDURE_USAGE.proc_return],
];

/** Each verb's patterns, built once: a cadre's every text is tried against all of them. */
const RULES = VERBS.map(([verb, build, usage]) => ({
  verb: new RegExp(`^(?:${verb})(?![\\u4e00-\\u9fa5])`),
  command: new RegExp(`^(?:${verb})${SEP}${NUMBER}${SEP}(.*)$`, 'is'),
  build,
  usage,
}));

/**
 * A procedure command from a cadre's (normalised) text, a usage line when the verb is right but the rest
 * isn't, or null for any other text.
 */
export function parseProcedureCommand(t: string): ProcedureCommand | { kind: 'invalid'; usage: string } | null {
  for (const { verb, command, build, usage } of RULES) {
    if (!verb.test(t)) continue;
    const m = command.exec(t);
    return (m && build(normalCaseRef(m[1]!), (m[2] ?? '').trim())) || { kind: 'invalid', usage };
  }
  return null;
}

function review(number: string, rest: string): ProcedureCommand | null {
  const result = /^(不通过|未通过|通过)/.exec(rest);
  const count = /(?:参加|参会|到会|出席)?\s*(\d{1,4})\s*(?:人|名)/.exec(rest);
  if (!result || !count) return null;
  const date = /(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?/.exec(rest);
  const heldOn = date ? `${date[1]}-${date[2]!.padStart(2, '0')}-${date[3]!.padStart(2, '0')}` : null;
  const names = /参加人(?:员)?[:：]\s*([^；;。]+)/.exec(rest)?.[1]?.trim();
  const minutes = rest
    .slice(result[0].length)
    .replace(count[0], '')
    .replace(date?.[0] ?? '', '')
    .replace(/^[\s,，、；;]+/, '')
    .trim();
  return {
    kind: 'proc_review',
    number,
    passed: result[1] === '通过',
    heldOn,
    participants: names ?? `${count[1]}人`,
    count: Number(count[1]),
    minutes,
  };
}

/** The day a review was held, from its 'YYYY-MM-DD' (local), or now. */
export function reviewDay(heldOn: string | null, now: Date, timeZone: string): Date {
  if (!heldOn) return now;
  const [y, m, d] = heldOn.split('-').map(Number);
  return localMidnight(y!, m!, d!, timeZone);
}

const MODES: Array<[RegExp, RemovalMode]> = [
  [/自然/, 'natural'],
  [/帮扶/, 'assisted'],
];

/** 消除 编号 [帮扶消除|自然消除]: the mode named, 帮扶消除 by default; null when the rest names neither. */
export function removalModeOf(rest: string): RemovalMode | null {
  if (!rest.trim()) return 'assisted';
  return MODES.find(([re]) => re.test(rest))?.[1] ?? null;
}

/** 纳入 编号 类别 理由：…: the override reason for a category the income does not fit. */
export function overrideReasonOf(rest: string): string | null {
  return /(?:理由|原因|说明)[:：]\s*(.+)$/s.exec(rest)?.[1]?.trim() || null;
}
