/** Rows by a key, each list in the rows' order (one pass: a sweep groups 100,000 reminders by cadre). */
export function groupBy<T, K extends string>(rows: Iterable<T>, key: (row: T) => K): Map<K, T[]> {
  const out = new Map<K, T[]>();
  for (const r of rows) {
    const k = key(r);
    const list = out.get(k);
    if (list) list.push(r);
    else out.set(k, [r]);
  }
  return out;
}
