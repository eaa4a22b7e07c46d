import { toHalfWidth } from '../id-card.js';

/** Names as people type them: no spaces or middle dots, half-width. */
export function normalizeName(name: string): string {
  return toHalfWidth(name).replace(/[\s·•.]/g, '');
}

function editDistance(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  let prev = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const cur = [i];
    for (let j = 1; j <= y.length; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (x[i - 1] === y[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[y.length]!;
}

/**
 * Picks the one household whose member's name matches: exactly, or else with the same surname and one
 * character different (a homophone typed by pinyin input: 王永华 / 王勇华). Ambiguity is no match.
 */
export function pickByName(
  candidates: ReadonlyArray<{ householdId: string; name: string }>,
  wanted: string,
): string | null {
  const name = normalizeName(wanted);
  if (!name) return null;
  const unique = (ids: string[]) => (new Set(ids).size === 1 ? ids[0]! : null);
  const exact = candidates.filter((c) => normalizeName(c.name) === name).map((c) => c.householdId);
  if (exact.length) return unique(exact);
  const close = candidates
    .filter((c) => {
      const n = normalizeName(c.name);
      return n[0] === name[0] && [...n].length === [...name].length && editDistance(n, name) === 1;
    })
    .map((c) => c.householdId);
  return close.length ? unique(close) : null;
}
