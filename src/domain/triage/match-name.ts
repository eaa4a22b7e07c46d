import { pinyin } from 'pinyin-pro';
import { toHalfWidth } from '../id-card.js';

/** Names as people type them: no spaces or middle dots, half-width. */
export function normalizeName(name: string): string {
  return toHalfWidth(name).replace(/[\s·•.]/g, '');
}

/**
 * What a report calls the person: a full name ("王永华", "张德明家"), or only a surname the way
 * neighbours talk ("老张家", "张大爷", "隔壁李婶"). Null when nothing name-like is left.
 */
export type NameQuery = { kind: 'full'; name: string } | { kind: 'surname'; surname: string };

const KIN = '大爷|大娘|大妈|大叔|大婶|大伯|大哥|大姐|老汉|老头|老太太|老太|奶奶|爷爷|阿姨|叔|婶|伯|嫂|婆|哥|姐';
const SURNAME_ONLY = [
  /^(?:老|小)([\u4e00-\u9fa5])$/,
  new RegExp(`^([\\u4e00-\\u9fa5])(?:${KIN})$`),
  /^([\u4e00-\u9fa5])$/,
];

export function parseNameQuery(raw: string | null | undefined): NameQuery | null {
  const name = normalizeName(raw ?? '')
    .replace(/^(?:隔壁|邻居|对门)(?:的)?/, '')
    .replace(/(?:那家|一家|家里|家的|家|户)$/, '');
  if (!/^[\u4e00-\u9fa5]{1,6}$/.test(name)) return null;
  for (const re of SURNAME_ONLY) {
    const m = re.exec(name);
    if (m) return { kind: 'surname', surname: m[1]! };
  }
  return { kind: 'full', name };
}

/** How a person's name fits what the report said; null = it does not. */
export type NameFit = 'exact' | 'homophone' | 'variant' | 'surname';

/**
 * exact; homophone (one given-name character typed by pinyin input: 王永华 / 王勇华); variant (one
 * given-name character different, any sound, in names of three or more: a misheard or mistyped name); surname (the query named only
 * the family). Surnames must agree and lengths be equal: 王华 is not 王永华.
 */
export function nameFit(query: NameQuery, personName: string): NameFit | null {
  const person = [...normalizeName(personName)];
  if (query.kind === 'surname') return person[0] === query.surname ? 'surname' : null;
  const wanted = [...query.name];
  if (person.join('') === query.name) return 'exact';
  if (wanted.length < 2 || wanted.length !== person.length || wanted[0] !== person[0]) return null;
  const diff = wanted.flatMap((ch, i) => (ch === person[i] ? [] : [i]));
  if (diff.length !== 1) return null;
  const i = diff[0]!;
  if (sameSound(wanted[i]!, person[i]!)) return 'homophone';
  // In a two-character name the one other character is the whole given name: another person.
  return wanted.length >= 3 ? 'variant' : null;
}

/** Two characters share a reading (tones ignored; any reading of a 多音字 counts). */
export function sameSound(a: string, b: string): boolean {
  const readings = (c: string) => new Set(pinyin(c, { toneType: 'none', multiple: true, type: 'array' }));
  const ra = readings(a);
  return [...readings(b)].some((r) => ra.has(r));
}
