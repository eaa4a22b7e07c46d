import { chineseNumber } from './chinese-number.js';

// 81岁, 才五十二, 七十多了, 年仅24: an age, not a sum or a count; and a tens figure said alone, as a clause
// of its own (我妈前天走了，八十三，瘫在床上好几年了), which is how a villager gives one
const AGE =
  /(?:(\d{1,3})\s*(?:周岁|岁)|(?:才|年仅)\s*(\d{2}|[一二三四五六七八九十几]{2,4})|([一二三四五六七八九十几]{2,4})(?:多|来)?(?:岁|了(?!解))|(?<=，)([一二三四五六七八九]?十[一二三四五六七八九]?)(?=，|$))/g;

/** Ages stated in a report, in order. */
export function readAges(text: string): number[] {
  const out: number[] = [];
  for (const m of text.matchAll(AGE)) {
    const [, digits, young, cnAge, alone] = m;
    const cn = young && !/^\d/.test(young) ? young : (cnAge ?? alone);
    const v =
      digits || (young && /^\d/.test(young))
        ? Number(digits ?? young)
        : cn?.includes('十')
          ? (chineseNumber(cn)?.value ?? null)
          : null;
    if (v !== null && v >= (alone ? 15 : 1) && v <= 110) out.push(v);
  }
  return out;
}
