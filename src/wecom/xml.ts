export type XmlValue = string | XmlFields;
export interface XmlFields { [tag: string]: XmlValue | XmlValue[] }
export type XmlResult = { ok: true; fields: XmlFields } | { ok: false; reason: string };

/**
 * Parses a WeCom XML document into its <xml> children: a leaf is its text (text trimmed, CDATA as it
 * is, joined; never a number: ids such as MsgId exceed 2^53), a parent an object, a repeated tag an array;
 * attributes are skipped. Any DOCTYPE or ENTITY declaration is refused before parsing: WeCom never sends
 * one, and it is how entity-expansion and external-entity attacks start. Only the five predefined
 * entities and character references are decoded.
 *
 * Hand-written rather than a general XML library because it runs twice on every callback and the
 * library was half of a callback's CPU; tests/wecom/xml.test.ts checks it against fast-xml-parser.
 */
export function parseWecomXml(text: string): XmlResult {
  if (/<!DOCTYPE|<!ENTITY/i.test(text)) return { ok: false, reason: 'DOCTYPE/ENTITY not allowed' };
  let root: { name: string; value: XmlValue };
  try {
    root = parseDocument(text);
  } catch (err) {
    if (err instanceof XmlError) return { ok: false, reason: `malformed XML: ${err.message}` };
    throw err;
  }
  if (root.name !== 'xml' || typeof root.value !== 'object') return { ok: false, reason: 'no <xml> root' };
  return { ok: true, fields: root.value };
}

class XmlError extends Error {}

const MAX_DEPTH = 32;
const NAME = /[A-Za-z_][\w.:-]*/y;
const ENTITY = /&(?:(lt|gt|amp|quot|apos)|#(\d{1,7})|#x([\da-fA-F]{1,6}));/g;
const PREDEFINED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

const decode = (t: string) => (t.includes('&')
  ? t.replace(ENTITY, (m, name?: string, dec?: string, hex?: string) => {
    if (name) return PREDEFINED[name]!;
    const code = dec ? Number(dec) : parseInt(hex!, 16);
    return code <= 0x10ffff ? String.fromCodePoint(code) : m;
  })
  : t);

function parseDocument(s: string): { name: string; value: XmlValue } {
  let i = 0;
  const fail = (what: string): never => { throw new XmlError(`${what} (at ${i})`); };
  const skip = (open: string, close: string) => {
    const end = s.indexOf(close, i + open.length);
    if (end < 0) fail(`unclosed ${open}`);
    i = end + close.length;
  };
  const spaces = () => { while (i < s.length && ' \t\r\n'.includes(s[i]!)) i++; };
  // Whitespace, the <?xml?> declaration and comments, before and after the root.
  const misc = () => {
    for (spaces(); s.startsWith('<?', i) || s.startsWith('<!--', i); spaces()) {
      if (s.startsWith('<?', i)) skip('<?', '?>');
      else skip('<!--', '-->');
    }
  };
  const name = () => {
    NAME.lastIndex = i;
    const m = NAME.exec(s) ?? fail('expected a tag name');
    i = NAME.lastIndex;
    return m[0];
  };

  const element = (depth: number): { name: string; value: XmlValue } => {
    if (depth > MAX_DEPTH) fail('nested too deep');
    i++; // '<'
    const tag = name();
    for (;;) { // attributes, skipped (a quoted value may hold '>')
      const c = s[i] ?? fail(`unclosed <${tag}>`);
      if (c === '>') { i++; break; }
      if (c === '/' && s[i + 1] === '>') { i += 2; return { name: tag, value: '' }; }
      if (c === '<') fail(`unclosed <${tag}>`);
      if (c === '"' || c === "'") skip(c, c);
      else i++;
    }
    let text = '';
    let children: XmlFields | null = null;
    for (;;) {
      const lt = s.indexOf('<', i);
      if (lt < 0) { i = s.length; fail(`<${tag}> not closed`); }
      if (lt > i) text += decode(s.slice(i, lt)).trim(); // text is trimmed, CDATA kept as it is
      i = lt;
      if (s.startsWith('</', i)) {
        i += 2;
        const end = name();
        if (end !== tag) fail(`</${end}> closes <${tag}>`);
        spaces();
        if (s[i] !== '>') fail(`unclosed </${end}>`);
        i++;
        break;
      }
      if (s.startsWith('<![CDATA[', i)) {
        const end = s.indexOf(']]>', i + 9);
        if (end < 0) fail('unclosed CDATA');
        text += s.slice(i + 9, end);
        i = end + 3;
      } else if (s.startsWith('<!--', i)) skip('<!--', '-->');
      else if (s.startsWith('<?', i)) skip('<?', '?>');
      else {
        const child = element(depth + 1);
        children ??= Object.create(null) as XmlFields; // a tag named __proto__ stays a plain key
        const prev = children[child.name];
        if (prev === undefined) children[child.name] = child.value;
        else if (Array.isArray(prev)) prev.push(child.value);
        else children[child.name] = [prev, child.value];
      }
    }
    return { name: tag, value: children ?? text };
  };

  misc();
  if (s[i] !== '<') fail('expected the root element');
  const root = element(0);
  misc();
  if (i < s.length) fail('text after the root element');
  return root;
}

const escapeCdata = (s: string) => s.replaceAll(']]>', ']]]]><![CDATA[>');

/** Builds a flat WeCom XML document; numbers are written bare, strings in CDATA. */
export function buildWecomXml(fields: Record<string, string | number>): string {
  const body = Object.entries(fields)
    .map(([k, v]) => (typeof v === 'number' ? `<${k}>${v}</${k}>` : `<${k}><![CDATA[${escapeCdata(v)}]]></${k}>`))
    .join('');
  return `<xml>${body}</xml>`;
}
