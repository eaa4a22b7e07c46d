import { toHalfWidth } from '../id-card.js';

/** One thing a screening round found: the household (户号 or 户主姓名) and what was found. */
export interface RoundFinding {
  household: string;
  note: string;
}

/**
 * Answers to a screening round (周排查, 半月核实), by text or by the round card's buttons. `roundId`
 * null: the cadre's open rounds (a text names no round).
 */
export type RoundCommand =
  | { kind: 'round_clear'; roundId: number | null }
  | { kind: 'round_found'; roundId: number | null; findings: RoundFinding[] }
  | { kind: 'round_list'; roundId: number | null };

export const ROUND_USAGE =
  '周排查、半月核实：整张清单无新增风险回复「排查 无新增风险」；发现风险回复「排查 户号或户主姓名 情况」，一次可写多行；本周清单 —— 查看本期排查或核实的农户';

const CLEAR = /^(?:(?:排查|核查|核实)[\s:：,，]*)?(?:无新增风险|没有新增风险|无新增)[。.!！]?$/;
// 「排查清单」 is 集中排查's list of households not screened yet.
const LIST = /^(?:本周清单|本期清单|核实清单|周排查清单)$/;
const FOUND = /^(?:排查|核查)(?:[\s:：,，]+([\s\S]*))?$/;
const ITEM = /^([^\s:：,，]+)[\s:：,，]+(.+)$/s;

/**
 * A screening-round answer, read before the other commands (whose spacing rule would join the lines
 * of a list of findings): null when the text is not one. Several findings are one a line (or split by
 * ；); a single 「排查 户号 情况」 is left to the 排查 rule (kind screening), whose handler looks for a
 * 集中排查 item of the household first, then a round.
 */
export function parseRoundCommand(text: string): RoundCommand | { kind: 'invalid'; usage: string } | null {
  const t = text.replace(/[\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A\u3000]+/g, toHalfWidth).trim();
  const flat = t.replace(/\s+/g, ' ');
  if (CLEAR.test(flat)) return { kind: 'round_clear', roundId: null };
  if (LIST.test(flat)) return { kind: 'round_list', roundId: null };
  const m = FOUND.exec(t);
  if (!m) return null;
  const lines = (m[1] ?? '')
    .split(/[\n；;]+/)
    .map((l) => l.replace(/\s+/g, ' ').trim())
    .filter(Boolean);
  const findings = lines.map((l) => ITEM.exec(l)).map((x) => (x ? { household: x[1]!, note: x[2]!.trim() } : null));
  if (lines.length < 2) return null;
  if (findings.some((f) => f === null)) return { kind: 'invalid', usage: ROUND_USAGE };
  return { kind: 'round_found', roundId: null, findings: findings as RoundFinding[] };
}
