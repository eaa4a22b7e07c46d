import type { FileSource, TextEncoding } from '../domain/import/table.js';
import { AppError } from '../http/app-error.js';

/** The encodings we read: UTF-8 (with or without BOM) and GB18030, which covers GBK and GB2312. */
export type { TextEncoding };

export const ENCODING_LABEL: Record<TextEncoding, string> = { 'utf-8': 'UTF-8', gb18030: 'GB18030（GBK）' };

/** Names a client may give in `charset`, as WHATWG labels them (case-insensitive). */
const CHARSETS: Record<string, TextEncoding> = {
  'utf-8': 'utf-8',
  utf8: 'utf-8',
  'unicode-1-1-utf-8': 'utf-8',
  gb18030: 'gb18030',
  gbk: 'gb18030',
  gb2312: 'gb18030',
  'x-gbk': 'gb18030',
  cp936: 'gb18030',
  'windows-936': 'gb18030',
  chinese: 'gb18030',
};

/** The encoding a `charset` names, or a Chinese error for one we cannot read. */
export function encodingOf(charset: string): TextEncoding {
  const encoding = CHARSETS[charset.trim().toLowerCase()];
  if (!encoding) throw new AppError(400, 'bad_charset', `不支持字符集“${charset}”，请使用 UTF-8 或 GBK（GB18030）。`);
  return encoding;
}

/** What a UTF-16 file gets: we read UTF-8 and GB18030 only. */
const utf16Error = () =>
  new AppError(
    400,
    'bad_encoding',
    '文件是 UTF-16（Unicode 文本）编码，请在 Excel 中另存为“CSV UTF-8”或 .xlsx 后再上传。',
  );

/** The encodings to try, in order: the one named; UTF-8 after a BOM; else UTF-8, then GB18030. */
function candidates(head: Uint8Array, charset?: string): TextEncoding[] {
  if (head[0] === 0xff && head[1] === 0xfe) throw utf16Error();
  const bom = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf;
  return charset ? [encodingOf(charset)] : bom ? ['utf-8'] : ['utf-8', 'gb18030'];
}

function notText(tried: TextEncoding[]): AppError {
  const named = tried.length === 1 ? `${ENCODING_LABEL[tried[0]!]} ` : 'UTF-8 或 GBK ';
  return new AppError(400, 'bad_encoding', `内容不是有效的 ${named}编码文本，请另存为“CSV UTF-8”或 .xlsx 后再试。`);
}

/**
 * Bytes as text. A charset that is named is used; otherwise a UTF-8 BOM or valid UTF-8 means UTF-8 and
 * anything else is read as GB18030 (what Chinese Excel saves as "CSV" by default). Bytes that are neither
 * get a Chinese error instead of mojibake.
 */
export function decodeText(data: Uint8Array, charset?: string): { text: string; encoding: TextEncoding } {
  const tried = candidates(data, charset);
  for (const encoding of tried) {
    try {
      const text = new TextDecoder(encoding, { fatal: true, ignoreBOM: false }).decode(data);
      return { text, encoding };
    } catch {
      // not this one: try the next
    }
  }
  throw notText(tried);
}

/** The first `n` bytes of a file (fewer if it is shorter). */
export async function fileHead(file: FileSource, n: number): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  let have = 0;
  for await (const chunk of file.open()) {
    parts.push(chunk);
    have += chunk.length;
    if (have >= n) break;
  }
  return Buffer.concat(parts).subarray(0, n);
}

/**
 * decodeText's choice for a file read as a stream, without holding it: every candidate encoding checks the
 * whole file at once, in one pass, and the first that reads all of it is the file's.
 */
export async function detectEncoding(file: FileSource, charset?: string): Promise<TextEncoding> {
  const tried = candidates(await fileHead(file, 3), charset);
  const decoders = new Map(tried.map((e) => [e, new TextDecoder(e, { fatal: true, ignoreBOM: false })]));
  const check = (e: TextEncoding, feed: (d: TextDecoder) => void) => {
    try {
      feed(decoders.get(e)!);
    } catch {
      decoders.delete(e); // not this one
    }
  };
  for await (const chunk of file.open()) {
    for (const e of [...decoders.keys()]) check(e, (d) => d.decode(chunk, { stream: true }));
    if (!decoders.size) break;
  }
  for (const e of [...decoders.keys()]) check(e, (d) => d.decode());
  const found = tried.find((e) => decoders.has(e));
  if (!found) throw notText(tried);
  return found;
}
