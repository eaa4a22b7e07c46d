import { pinyin } from 'pinyin-pro';

const readingsCache = new Map<string, readonly string[]>();

/**
 * A syllable as a villager's ear and a voice-to-text engine confuse it: zh/z, ch/c, sh/s, n/l,
 * h/f before u, -ing/-in, -eng/-en, -ang/-an are each one sound in much of the south-west and Hunan.
 */
export function fuzzySyllable(s: string): string {
  return s
    .replace(/^zh/, 'z')
    .replace(/^ch/, 'c')
    .replace(/^sh/, 's')
    .replace(/^n/, 'l')
    .replace(/^hu/, 'fu')
    .replace(/ing$/, 'in')
    .replace(/eng$/, 'en')
    .replace(/ang$/, 'an')
    .replace(/v/g, 'u');
}

/** Every fuzzy reading of one Chinese character (着 → zhe, zhuo, zhao…), cached; none for other characters. */
export function readingsOf(ch: string): readonly string[] {
  let r = readingsCache.get(ch);
  if (r === undefined) {
    r = /\p{Script=Han}/u.test(ch)
      ? [...new Set(pinyin(ch, { multiple: true, type: 'array', toneType: 'none' }).map(fuzzySyllable))]
      : [];
    readingsCache.set(ch, r);
  }
  return r;
}

const exactCache = new Map<string, readonly string[]>();

/** Every toneless reading of a character, with no sounds merged (for two-character terms, where a merged sound finds too much). */
export function exactReadingsOf(ch: string): readonly string[] {
  let r = exactCache.get(ch);
  if (r === undefined) {
    r = /\p{Script=Han}/u.test(ch) ? pinyin(ch, { multiple: true, type: 'array', toneType: 'none' }) : [];
    exactCache.set(ch, r);
  }
  return r;
}

/** The exact toneless key of a term: 骨折 → "gu zhe". */
export function exactKey(term: string): string[] {
  return pinyin(term, { type: 'array', toneType: 'none' });
}

/** The fuzzy key of a term read the usual way: 脑溢血 → "lao yi xue". */
export function termKey(term: string): string[] {
  return pinyin(term, { type: 'array', toneType: 'none' }).map(fuzzySyllable);
}
