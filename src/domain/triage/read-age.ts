import { chineseNumber } from './chinese-number.js';

// 81岁, 才五十二, 七十多了, 年仅24: an age, not a sum or a count.
const AGE =
  /(?:(\d{1,3})\s*(?:周岁|岁)|(?:才|年仅)\s*(\d{2}|[一二三四五六七八九十几]{2,4})|([一二三四五六七八九十几]{2,4})(?:多|来)?(?:岁|了(?!解)))/g;

/** Ages stated in a report, in order. */
export function readAges(text: string): number[] {
  const out: number[] = [];
  for (const m of text.matchAll(AGE)) {
    const [, digits, young, cnAge] = m;
    const cn = young && !/^\d/.test(young) ? young : cnAge;
    const v =
      digits || (young && /^\d/.test(young))
        ? Number(digits ?? young)
        : cn?.includes('十')
          ? (chineseNumber(cn)?.value ?? null)
          : null;
    if (v !== null && v >= 1 && v <= 110) out.push(v);
  }
  return out;
}
