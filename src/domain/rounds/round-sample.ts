import type { RoundPolicy } from './round-policy.js';

/** How many of a village's `total` records the 核实 re-checks: the share, rounded up, within [min, max]. */
export function sampleSize(total: number, rule: RoundPolicy['township']): number {
  const wanted = Math.ceil(total * rule.sampleShare);
  return Math.min(total, Math.max(rule.sampleMin, Math.min(rule.sampleMax, wanted)));
}

/** FNV-1a: a stable number for a string (no randomness in the domain). */
function hash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/**
 * The sample of one village's records for one 核实 round: the same `seed` (round period and village)
 * always picks the same households, another seed others, so every household comes up in time.
 */
export function sampleRecords<T extends { householdId: string }>(
  records: readonly T[],
  rule: RoundPolicy['township'],
  seed: string,
): T[] {
  const n = sampleSize(records.length, rule);
  return [...records]
    .map((r) => ({ r, k: hash(`${seed}:${r.householdId}`) }))
    .sort((a, b) => a.k - b.k || a.r.householdId.localeCompare(b.r.householdId))
    .slice(0, n)
    .map((x) => x.r)
    .sort((a, b) => a.householdId.localeCompare(b.householdId));
}
