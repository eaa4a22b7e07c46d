import { Converter } from 'opencc-js/t2cn';
import { toHalfWidth } from '../../id-card.js';
import { joinSpacedWords } from './spaced-words.js';

// Traditional (Taiwan and Hong Kong forms included) → mainland simplified: built once, a pure table.
const toSimplified = Converter({ from: 't', to: 'cn' });

/** Emoji that carry meaning in a villager's message become words; the rest are dropped. */
const EMOJI_WORDS: Record<string, string> = {
  '🙏': '谢谢',
  '👍': '好',
  '😭': '哭',
  '😢': '哭',
  '💔': '难过',
  '🏥': '医院',
  '🔥': '着火',
  '🚑': '救护车',
  '💊': '吃药',
  '😊': '',
};
const STAY = /住(?:了|过)?(?:[一二两三四五六七八九十几半多个来]|\d)+个?(?:天|日|月|星期|礼拜|周|年)多?的?院/g;
const EMOJI = /\p{Extended_Pictographic}|\p{Emoji_Modifier}|\u200d|\ufe0f/gu;

/**
 * The one written form the rest of the pipeline reads: full-width to half-width, traditional to
 * simplified, lower-case Latin, emoji to words or nothing, every clause break as a Chinese comma
 * (voice-to-text often leaves spaces where a writer would put commas), question marks kept.
 */
export function normaliseText(raw: string): string {
  // 86,420元: digit grouping is no clause break
  let t = toSimplified(toHalfWidth(raw.normalize('NFKC')))
    .toLowerCase()
    .replace(/(\d),(?=\d{3}(?!\d))/g, '$1')
    // 7 8百 (seven or eight hundred, typed with a space) is read as its upper figure; 1万1 is 1.1万
    .replace(/(?<!\d)\d\s(\d[十百千万])/g, '$1')
    .replace(/(\d+)万(\d)(?![\d十百千万.])/g, '$1.$2万');
  t = joinSpacedWords(t)
    // 住了一个月院, 住过半个月的院: the verb split around its length is 住院 (the length is dropped: left
    // before a sum, 一个月 would read as the sum's period)
    .replace(STAY, '住院');
  t = t.replace(EMOJI, (e: string) => (e in EMOJI_WORDS ? `，${EMOJI_WORDS[e]}，` : ''));
  t = t
    .replace(/[?？]+/g, '？')
    .replace(/[!！]+/g, '！')
    .replace(/[,，、;；:：~～…]+|\.{2,}|。+|\s+/g, '，')
    .replace(/(?<!\d)\.(?!\d)/g, '，');
  return t.replace(/，{2,}/g, '，').replace(/^，|，$/g, '');
}
