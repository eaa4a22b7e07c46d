import { XMLParser } from 'fast-xml-parser';

const parser = new XMLParser({
  parseTagValue: false, // ids such as MsgId exceed 2^53 and '0012' must stay '0012'
  parseAttributeValue: false,
  ignoreAttributes: true,
  processEntities: false,
  trimValues: true,
});

export type XmlResult = { ok: true; fields: Record<string, unknown> } | { ok: false; reason: string };

/**
 * Parses a WeCom XML document into its <xml> children. Any DOCTYPE or ENTITY declaration is refused
 * before parsing: WeCom never sends one, and it is how entity-expansion and external-entity attacks start.
 */
export function parseWecomXml(text: string): XmlResult {
  if (/<!DOCTYPE|<!ENTITY/i.test(text)) return { ok: false, reason: 'DOCTYPE/ENTITY not allowed' };
  let doc: unknown;
  try {
    doc = parser.parse(text, true);
  } catch (err) {
    return { ok: false, reason: `malformed XML: ${(err as Error).message.split('\n')[0]}` };
  }
  const root = (doc as { xml?: unknown }).xml;
  if (!root || typeof root !== 'object') return { ok: false, reason: 'no <xml> root' };
  return { ok: true, fields: root as Record<string, unknown> };
}

const escapeCdata = (s: string) => s.replaceAll(']]>', ']]]]><![CDATA[>');

/** Builds a flat WeCom XML document; numbers are written bare, strings in CDATA. */
export function buildWecomXml(fields: Record<string, string | number>): string {
  const body = Object.entries(fields)
    .map(([k, v]) => (typeof v === 'number' ? `<${k}>${v}</${k}>` : `<${k}><![CDATA[${escapeCdata(v)}]]></${k}>`))
    .join('');
  return `<xml>${body}</xml>`;
}
