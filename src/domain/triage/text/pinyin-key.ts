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

/** Every reading of a character as pinyin-pro gives it in one tone style, cached; none for other characters. */
function cachedReadings(toneType: 'none' | 'num'): (ch: string) => readonly string[] {
  const cache = new Map<string, readonly string[]>();
  return (ch) => {
    let r = cache.get(ch);
    if (r === undefined) {
      r = /\p{Script=Han}/u.test(ch) ? pinyin(ch, { multiple: true, type: 'array', toneType }) : [];
      cache.set(ch, r);
    }
    return r;
  };
}

/** Every toneless reading of a character, with no sounds merged (for two-character terms, where a merged sound finds too much). */
export const exactReadingsOf = cachedReadings('none');

/** Every reading of a character with its tone (着 → zhe0, zhuo2, zhao2, zhao1). */
const tonedReadingsOf = cachedReadings('num');

/** The exact toneless key of a term: 骨折 → "gu zhe". */
export function exactKey(term: string): string[] {
  return pinyin(term, { type: 'array', toneType: 'none' });
}

/** The fuzzy key of a term read the usual way: 脑溢血 → "lao yi xue". */
export function termKey(term: string): string[] {
  return pinyin(term, { type: 'array', toneType: 'none' }).map(fuzzySyllable);
}

/**
 * Two characters a slip of the ear or the keyboard confuses in a two-character term: the same toneless
 * sound and a tone in common (骨着/骨折 through the light 着; 天喊 is not 天旱, 条河 is not 跳河).
 */
export function soundAlike(heard: string, meant: string): boolean {
  const a = tonedReadingsOf(heard);
  const b = tonedReadingsOf(meant);
  return (
    a.some((x) => x.endsWith('0') || b.includes(x)) ||
    b.some((x) => x.endsWith('0') && a.some((y) => y.slice(0, -1) === x.slice(0, -1)))
  );
}
