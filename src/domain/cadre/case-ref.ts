/**
 * How a cadre may name a case in a command: the full number (SW2026000123 or its 10 digits), the last
 * 4 digits (0123), or a position (1–3 digits) in the numbered list they saw last (我的任务, 查看全部).
 */
export type CaseRef =
  | { kind: 'number'; number: string }
  | { kind: 'tail'; tail: string }
  | { kind: 'position'; position: number };

/** The text form in a command: what `numbered` rules capture (case-insensitive); a mistyped 9-digit number is no short one. */
export const CASE_REF = String.raw`((?:SW)?\d{10}(?!\d)|\d{1,4}(?!\d))`;

/** A captured reference as commands carry it: SW + 10 digits, or the short form as typed. */
export const normalCaseRef = (captured: string) => {
  const digits = captured.replace(/^SW/i, '');
  return digits.length === 10 ? `SW${digits}` : digits;
};

export function readCaseRef(ref: string): CaseRef {
  if (/^SW\d{10}$/i.test(ref)) return { kind: 'number', number: ref.toUpperCase() };
  if (/^\d{4}$/.test(ref)) return { kind: 'tail', tail: ref };
  if (/^\d{1,3}$/.test(ref)) return { kind: 'position', position: Number(ref) };
  return { kind: 'number', number: ref.toUpperCase() };
}
