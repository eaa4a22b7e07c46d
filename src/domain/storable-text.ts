/**
 * Text from outside (WeCom, departments, 微信客服) made storable at the boundary. Postgres refuses
 * U+0000 in text and jsonb, and jsonb refuses unpaired UTF-16 surrogates (JSON.stringify writes them as
 * \ud800 escapes); either would fail the whole statement, and with it every row written together.
 */

// biome-ignore lint/suspicious/noControlCharactersInRegex: U+0000 is exactly what Postgres cannot store.
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** U+0000 and unpaired surrogates replaced with U+FFFD (the replacement character); the rest untouched. */
export function storableText(s: string): string {
  return s.replace(UNSTORABLE, '\uFFFD');
}

/**
 * A copy of `value` with every string made storable, and the strings that changed, by path ("Content",
 * "alerts.3.description"), as JSON escapes ("\"a\\u0000b\""): that text is storable too, and JSON.parse
 * gives back the exact original, so what was received is kept as evidence.
 */
export function storable<T>(value: T): { value: T; original: Record<string, string> | null } {
  const original: Record<string, string> = {};
  const walk = (v: unknown, path: string): unknown => {
    if (typeof v === 'string') {
      const s = storableText(v);
      if (s !== v) original[path || '.'] = JSON.stringify(v);
      return s;
    }
    if (Array.isArray(v)) return v.map((x, i) => walk(x, path ? `${path}.${i}` : String(i)));
    if (v && typeof v === 'object' && !(v instanceof Date)) {
      return Object.fromEntries(
        Object.entries(v).map(([k, x]) => [
          storableText(k),
          walk(x, path ? `${path}.${storableText(k)}` : storableText(k)),
        ]),
      );
    }
    return v;
  };
  const out = walk(value, '') as T;
  return { value: out, original: Object.keys(original).length ? original : null };
}

/** The paths of the strings in `value` that Postgres could not store as they are ([] when all can be). */
export function unstorablePaths(value: unknown): string[] {
  return Object.keys(storable(value).original ?? {});
}
