import { toHalfWidth } from '../id-card.js';

const DIGIT: Record<string, number> = { 零: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** "三万五" → 35000, "两千" → 2000, "十二" → 12: the forms people type for money. */
function chineseNumber(s: string): number | null {
  let total = 0;
  let section = 0;
  let digit = 0;
  for (const ch of s) {
    if (ch in DIGIT) digit = DIGIT[ch]!;
    else if (ch === '十') {
      section += (digit || 1) * 10;
      digit = 0;
    } else if (ch === '百') {
      section += digit * 100;
      digit = 0;
    } else if (ch === '千') {
      section += digit * 1000;
      digit = 0;
    } else if (ch === '万') {
      total += (section + digit) * 10000;
      section = 0;
      digit = 0;
    } else return null;
  }
  return total + section + digit;
}

const ARABIC = /(\d+(?:\.\d+)?)\s*(万|千)?\s*(?:多|来)?\s*(元|块|w)?/gi;
const CHINESE = /([零一二两三四五六七八九十百千万]+)\s*(?:多|来)?\s*(元|块)/g;

/**
 * The largest sum of money mentioned, in yuan. A bare number counts only with a unit (万/千/元/块),
 * so ages, dates and house numbers are not read as money.
 */
export function largestAmount(text: string): number | null {
  const t = toHalfWidth(text);
  let max: number | null = null;
  const keep = (v: number) => {
    if (Number.isFinite(v) && (max === null || v > max)) max = v;
  };
  for (const m of t.matchAll(ARABIC)) {
    const [, num, scale, unit] = m;
    if (!scale && !unit) continue;
    const factor = scale === '万' || unit?.toLowerCase() === 'w' ? 10000 : scale === '千' ? 1000 : 1;
    keep(Math.round(Number(num) * factor));
  }
  for (const m of t.matchAll(CHINESE)) {
    const v = chineseNumber(m[1]!);
    if (v !== null) keep(v);
  }
  for (const m of t.matchAll(
    /([零一二两三四五六七八九十百千]*[一二两三四五六七八九十])万([零一二两三四五六七八九])?/g,
  )) {
    const v = chineseNumber(m[1]! + '万');
    if (v !== null) keep(v + (m[2] ? DIGIT[m[2]]! * 1000 : 0));
  }
  return max;
}
