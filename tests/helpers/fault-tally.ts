import { expect } from 'vitest';

/**
 * What a fault run did with each item it sent, by the item's key: answered 200 (accepted), inbox rows
 * (stored), and effects seen from outside (processed: a case, a reply or a card at the fake WeCom).
 * An accepted item with no effect is lost; one stored or processed more than once is duplicated.
 */
export interface FaultRunItems {
  sent: Iterable<string>;
  accepted: Iterable<string>;
  /** One key per inbox row. */
  stored: Iterable<string>;
  /** One key per effect. */
  processed: Iterable<string>;
  /** Repeats the run documents as at-least-once (counted apart, not as duplicates). */
  allowedRepeats?: Iterable<string>;
  /** Accepted items deliberately held for later (e.g. by WeCom's per-member window): not processed yet, not lost. */
  held?: Iterable<string>;
}

export interface FaultRunCounts {
  sent: number;
  accepted: number;
  stored: number;
  processed: number;
  lost: number;
  duplicated: number;
  held: number;
}

const multiset = (keys: Iterable<string>) => {
  const by = new Map<string, number>();
  for (const k of keys) by.set(k, (by.get(k) ?? 0) + 1);
  return by;
};

export function countFaultRun(items: FaultRunItems): FaultRunCounts & { lostKeys: string[]; duplicatedKeys: string[] } {
  const sent = new Set(items.sent);
  const accepted = new Set(items.accepted);
  const stored = multiset(items.stored);
  const processed = multiset(items.processed);
  const allowed = new Set(items.allowedRepeats ?? []);
  const held = new Set([...(items.held ?? [])].filter((k) => !processed.has(k)));
  const lostKeys = [...accepted].filter((k) => !stored.has(k) || (!processed.has(k) && !held.has(k)));
  const duplicatedKeys = [...sent].filter(
    (k) => (stored.get(k) ?? 0) > 1 || ((processed.get(k) ?? 0) > 1 && !allowed.has(k)),
  );
  return {
    sent: sent.size,
    accepted: accepted.size,
    stored: [...sent].filter((k) => stored.has(k)).length,
    processed: [...sent].filter((k) => processed.has(k)).length,
    lost: lostKeys.length,
    duplicated: duplicatedKeys.length,
    held: held.size,
    lostKeys,
    duplicatedKeys,
  };
}

/** Prints one line per run (the figures the reliability notes quote) and asserts nothing was lost or doubled. */
export function expectNothingLost(
  run: string,
  items: FaultRunItems,
  extra: Record<string, unknown> = {},
): FaultRunCounts {
  const c = countFaultRun(items);
  const more = Object.entries(extra)
    .map(([k, v]) => ` ${k} ${v}`)
    .join('');
  console.log(
    `[fault] ${run}: sent ${c.sent} / accepted ${c.accepted} / stored ${c.stored} / processed ${c.processed} / lost ${c.lost} / duplicated ${c.duplicated}${items.held ? ` / held ${c.held}` : ''}${more}`,
  );
  expect({ lost: c.lostKeys.slice(0, 10), duplicated: c.duplicatedKeys.slice(0, 10) }).toEqual({
    lost: [],
    duplicated: [],
  });
  return c;
}
