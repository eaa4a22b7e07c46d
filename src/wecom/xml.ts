export type XmlValue = string | XmlFields;
export interface XmlFields {
  [tag: string]: XmlValue | XmlValue[];
}
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

const decode = (t: string) =>
  t.includes('&')
    ? t.replace(ENTITY, (m, name?: string, dec?: string, hex?: string) => {
        if (name) return PREDEFINED[name]!;
        const code = dec ? Number(dec) : parseInt(hex!, 16);
        return code <= 0x10ffff ? String.fromCodePoint(code) : m;
      })
    : t;

function parseDocument(s: string): { name: string; value: XmlValue } {
  const r = new Reader(s);
  r.misc();
  if (s[r.i] !== '<') r.fail('expected the root element');
  const root = r.element(0);
  r.misc();
  if (r.i < s.length) r.fail('text after the root element');
  return root;
}

/** A cursor over the document; methods, not closures, so nothing is allocated per parse but the result. */
class Reader {
  i = 0;
  constructor(readonly s: string) {}

  fail(what: string): never {
    throw new XmlError(`${what} (at ${this.i})`);
  }

  skip(open: string, close: string): void {
    const end = this.s.indexOf(close, this.i + open.length);
    if (end < 0) this.fail(`unclosed ${open}`);
    this.i = end + close.length;
  }

  spaces(): void {
    const { s } = this;
    for (let c = s.charCodeAt(this.i); c === 32 || c === 9 || c === 10 || c === 13; c = s.charCodeAt(++this.i));
  }

  /** Whitespace, the <?xml?> declaration and comments, before and after the root. */
  misc(): void {
    for (this.spaces(); this.s.startsWith('<?', this.i) || this.s.startsWith('<!--', this.i); this.spaces()) {
      if (this.s.startsWith('<?', this.i)) this.skip('<?', '?>');
      else this.skip('<!--', '-->');
    }
  }

  name(): string {
    NAME.lastIndex = this.i;
    const m = NAME.exec(this.s) ?? this.fail('expected a tag name');
    this.i = NAME.lastIndex;
    return m[0];
  }

  element(depth: number): { name: string; value: XmlValue } {
    const { s } = this;
    if (depth > MAX_DEPTH) this.fail('nested too deep');
    this.i++; // '<'
    const tag = this.name();
    for (;;) {
      // attributes, skipped (a quoted value may hold '>')
      const c = s[this.i] ?? this.fail(`unclosed <${tag}>`);
      if (c === '>') {
        this.i++;
        break;
      }
      if (c === '/' && s[this.i + 1] === '>') {
        this.i += 2;
        return { name: tag, value: '' };
      }
      if (c === '<') this.fail(`unclosed <${tag}>`);
      if (c === '"' || c === "'") this.skip(c, c);
      else this.i++;
    }
    let text = '';
    let children: XmlFields | null = null;
    for (;;) {
      const lt = s.indexOf('<', this.i);
      if (lt < 0) {
        this.i = s.length;
        this.fail(`<${tag}> not closed`);
      }
      if (lt > this.i) text += decode(s.slice(this.i, lt)).trim(); // text is trimmed, CDATA kept as it is
      this.i = lt;
      if (s.startsWith('</', lt)) {
        this.i += 2;
        const end = this.name();
        if (end !== tag) this.fail(`</${end}> closes <${tag}>`);
        this.spaces();
        if (s[this.i] !== '>') this.fail(`unclosed </${end}>`);
        this.i++;
        break;
      }
      if (s.startsWith('<![CDATA[', lt)) {
        const end = s.indexOf(']]>', lt + 9);
        if (end < 0) this.fail('unclosed CDATA');
        text += s.slice(lt + 9, end);
        this.i = end + 3;
      } else if (s.startsWith('<!--', lt)) this.skip('<!--', '-->');
      else if (s.startsWith('<?', lt)) this.skip('<?', '?>');
      else {
        const child = this.element(depth + 1);
        children ??= Object.create(null) as XmlFields; // a tag named __proto__ stays a plain key
        const prev = children[child.name];
        if (prev === undefined) children[child.name] = child.value;
        else if (Array.isArray(prev)) prev.push(child.value);
        else children[child.name] = [prev, child.value];
      }
    }
    return { name: tag, value: children ?? text };
  }
}

const escapeCdata = (s: string) => s.replaceAll(']]>', ']]]]><![CDATA[>');

/** Builds a flat WeCom XML document; numbers are written bare, strings in CDATA. */
export function buildWecomXml(fields: Record<string, string | number>): string {
  const body = Object.entries(fields)
    .map(([k, v]) => (typeof v === 'number' ? `<${k}>${v}</${k}>` : `<${k}><![CDATA[${escapeCdata(v)}]]></${k}>`))
    .join('');
  return `<xml>${body}</xml>`;
}
