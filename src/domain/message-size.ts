/** WeCom cuts text and app markdown messages at 2,048 bytes of UTF-8. */
export const WECOM_MESSAGE_BYTES = 2048;

/** A string's length in UTF-8, counted without encoding it (a sweep measures its digests' lines by the 100,000). */
export function utf8Length(t: string): number {
  let n = 0;
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && (t.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      n += 4; // a surrogate pair
      i++;
    } else n += 3; // a lone surrogate is encoded as U+FFFD, also three bytes
  }
  return n;
}

const lineBytes = (t: string) => utf8Length(t) + 1;

/**
 * Keeps whole lines within the limit, then the footer; what does not fit is counted in one line
 * ("……另有 N 行未列出"), never cut mid-character.
 */
export function fitLines(lines: readonly string[], footer: string, maxBytes = WECOM_MESSAGE_BYTES): string {
  let used = lineBytes(footer) + lineBytes('……另有 999 行未列出');
  const kept: string[] = [];
  for (const line of lines) {
    const bytes = lineBytes(line);
    if (used + bytes > maxBytes) break;
    used += bytes;
    kept.push(line);
  }
  if (kept.length < lines.length) kept.push(`……另有 ${lines.length - kept.length} 行未列出`);
  return [...kept, footer].join('\n');
}
