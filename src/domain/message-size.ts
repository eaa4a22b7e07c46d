/** WeCom cuts text and app markdown messages at 2,048 bytes of UTF-8. */
export const WECOM_MESSAGE_BYTES = 2048;

const encoder = new TextEncoder();
const lineBytes = (t: string) => encoder.encode(t).length + 1;

/**
 * Keeps whole lines within the limit, then the footer; what does not fit is counted in one line
 * ("……另有 N 行未列出"), never cut mid-character.
 */
export function fitLines(lines: readonly string[], footer: string, maxBytes = WECOM_MESSAGE_BYTES): string {
  let used = lineBytes(footer) + lineBytes('……另有 999 行未列出');
  const kept: string[] = [];
  for (const line of lines) {
    if (used + lineBytes(line) > maxBytes) break;
    used += lineBytes(line);
    kept.push(line);
  }
  if (kept.length < lines.length) kept.push(`……另有 ${lines.length - kept.length} 行未列出`);
  return [...kept, footer].join('\n');
}
