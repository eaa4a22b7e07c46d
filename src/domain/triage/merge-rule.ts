import type { RiskType } from '../policy.js';

/**
 * A new report joins an open case of the same household when their risk types overlap or are related
 * by policy (e.g. an illness and the medical bill it brings), or when either is still unclassified.
 */
export function shouldMerge(
  open: readonly RiskType[],
  incoming: readonly RiskType[],
  related: readonly (readonly RiskType[])[],
): boolean {
  if (open.length === 0 || incoming.length === 0) return true;
  if (incoming.some((t) => open.includes(t))) return true;
  return related.some((group) => group.some((t) => open.includes(t)) && group.some((t) => incoming.includes(t)));
}
