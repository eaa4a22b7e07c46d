const DIGIT: Record<string, number> = {
  零: 0,
  〇: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
  几: 3, // 几/好几: "a few", read as three (a floor for thresholds, flagged approx)
};
const UNIT: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };

/**
 * A number written in Chinese, as people type it for money: 三万五 → 35,000 (the trailing 五 is
 * 五千), 一万二 → 12,000, 三千五 → 3,500, 二十几 → 23 (approx), 四五百 → 450 (a range, its middle),
 * 十几万 → 130,000 (approx). Null when the string is no number (万一, 千万别).
 */
export function chineseNumber(s: string): { value: number; approx: boolean } | null {
  let total = 0;
  let section = 0;
  let digit: number | null = null;
  let approx = false;
  let lastUnit = 1;
  let prevWasUnit = false;
  for (const ch of s) {
    if (ch in DIGIT) {
      const d = DIGIT[ch]!;
      if (ch === '几') approx = true;
      if (digit !== null && d !== 0) {
        digit = (digit + d) / 2; // 四五百, 三四万: adjacent digits are a range
        approx = true;
      } else digit = d;
      prevWasUnit = false;
      continue;
    }
    if (ch in UNIT) {
      const u = UNIT[ch]!;
      if (digit === null && u !== 10) return null;
      section += (digit ?? 1) * u;
      lastUnit = u;
    } else if (ch === '万' || ch === '亿') {
      const u = ch === '万' ? 10000 : 100000000;
      if (section === 0 && digit === null) return null;
      total += (section + (digit ?? 0)) * u;
      section = 0;
      lastUnit = u;
    } else return null;
    digit = null;
    prevWasUnit = true;
  }
  if (digit !== null) {
    // 三万五, 一千二: a digit straight after a unit of a hundred or more is the next unit down
    const lastWasAbbrev = !prevWasUnit && lastUnit >= 100 && endsWithUnitThenDigit(s);
    section += lastWasAbbrev ? digit * (lastUnit / 10) : digit;
  }
  const value = total + section;
  return value > 0 ? { value, approx } : null;
}

function endsWithUnitThenDigit(s: string): boolean {
  const chars = [...s];
  const before = chars[chars.length - 2];
  return before !== undefined && (before in UNIT || before === '万' || before === '亿');
}
