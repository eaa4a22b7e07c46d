import { toHalfWidth } from '../id-card.js';
import { chineseNumber } from './chinese-number.js';

/** What a sum of money is, read from the words before it in its clause. */
export type AmountRole =
  | 'self_paid'
  | 'reimbursed'
  | 'total'
  | 'spent'
  | 'estimate'
  | 'deposit'
  | 'debt'
  | 'income'
  | 'loss'
  | 'unknown';

export interface Amount {
  yuan: number;
  role: AmountRole;
  /** 多, 来, 出头, 几, 四五百: the figure is a floor or a middle, not exact. */
  approx: boolean;
  /** "一天要好几千", "每个月四五百": the sum recurs. */
  per?: 'day' | 'month' | 'year';
  /** Index of the sum in the normalised text. */
  at: number;
}

// The nearest cue before a sum names its role: "花了九万，报完自己出三万" → 90,000 spent, 30,000 self-paid.
const ROLE_CUES: Array<[AmountRole, RegExp]> = [
  [
    'self_paid',
    /自费|自付|自己出|自己掏|自己拿|自己花|自己承担|自负|个人负担|个人支付|剩下|还剩|报完|报了以后|报销后|报后|报销完|还要出|还得出|还要自己|落到自己/g,
  ],
  ['reimbursed', /报了|报销了|报掉|能报|可以报|医保报|合作医疗报|新农合报|报回|报销|赔了我|保险赔|赔付/g],
  ['total', /总共|一共|总费用|总计|共计|合计|前后|全部/g],
  ['spent', /花了|花掉|花费|用了|用掉|出了|掏了|医药费|医疗费|住院费|手术费|治疗费|药费|费用|学费|花|交/g],
  // 要十几万, 准备五万, 先交三万押金: what a doctor expects or a hospital holds, not what the household paid
  ['estimate', /要|得|需要|估计|大概要/g],
  ['deposit', /押金|先交|先得交|预交|准备/g],
  ['debt', /欠了|欠下|欠债|欠|借了|借|贷款|贷了|外债|负债|赊/g],
  ['income', /收入|工资|挣|赚|人均|卖了|卖得|一年到头/g],
  ['loss', /损失|亏了|亏损|赔进去|打水漂/g],
];
const PER: Array<['day' | 'month' | 'year', RegExp]> = [
  ['day', /(一|每|1)天|天天|每日/],
  ['month', /(一|每|1)个?月|月均|每月/],
  ['year', /(一|每|1)年|每年|年均/],
];

const CN = '零〇一二两三四五六七八九十百千万亿几';
const SUM = new RegExp(
  `(?<![\\d.])(\\d+(?:\\.\\d+)?|[${CN}]+)((?:[多来余几]|[十百千万]|[kKwW](?![a-zA-Z]))*)\\s*(出头|多点|左右|上下|多)?\\s*(块钱|块|元|圆|rmb|RMB)?`,
  'g',
);
// A number followed by one of these counts something other than money.
const NOT_MONEY_AFTER =
  /^(?:多|来|余)?(?:斤|亩|米|头|只|口|人|岁|年|天|个|次|家|户|里|公里|公斤|吨|克|棵|株|号|日|月|周|小时|分|层|间|平|度|回|遍|趟|袋|箱|瓶|台|辆|楼|组)/;
const CLAUSE_END = /[,，。.;；!！?？\n、]/;

/** Every sum of money in a text, in order, each with its role. A bare number counts only with a money cue. */
export function readAmounts(text: string): Amount[] {
  const t = toHalfWidth(text).replace(/(\d),(?=\d{3}(?!\d))/g, '$1');
  const out: Amount[] = [];
  for (const m of t.matchAll(SUM)) {
    const [whole, num, tail = '', suffix, unit] = m;
    const at = m.index;
    const after = t.slice(at + whole.length, at + whole.length + 3);
    if (!unit && NOT_MONEY_AFTER.test(after)) continue;
    const value = sumValue(num!, tail);
    if (!value || value.yuan <= 0) continue;
    const scaled = /[百千万kKwW]/.test(num! + tail);
    const before = clauseBefore(t, at);
    if (
      !unit &&
      !scaled &&
      !(
        /^\d/.test(num!) &&
        value.yuan >= 100 &&
        num!.length < 7 &&
        /(花|用|出|欠|借|交|付|掏|报|费|钱|赔|挣|赚|收入|工资)[^\d]{0,4}$/.test(before)
      )
    )
      continue;
    const approx =
      value.approx || Boolean(suffix) || /[多来余几]/.test(tail) || /好几|大概|差不多|将近|快/.test(before.slice(-3));
    out.push({
      yuan: value.yuan,
      role: roleOf(before),
      approx,
      at,
      ...perOf(clauseBefore(t, at - before.length - 1) + before),
    });
  }
  return out;
}

/** The largest sum of money mentioned, in yuan (null: none). */
export function largestAmount(text: string): number | null {
  const all = readAmounts(text);
  return all.length ? Math.max(...all.map((a) => a.yuan)) : null;
}

/**
 * What the household itself paid for treatment or school: the self-paid part when stated, else the
 * total less what was reimbursed, else what was spent or owed. Daily and monthly sums are not totals (an annual one is).
 */
export function selfPaidOf(amounts: Amount[], { estimates = false } = {}): { yuan: number; basis: AmountRole } | null {
  const max = (roles: AmountRole[]) => {
    const hits = amounts.filter((a) => roles.includes(a.role) && a.per !== 'day' && a.per !== 'month');
    return hits.length ? Math.max(...hits.map((a) => a.yuan)) : null;
  };
  const self = max(['self_paid']);
  if (self !== null) return { yuan: self, basis: 'self_paid' };
  const total = max(estimates ? ['total', 'spent', 'estimate'] : ['total', 'spent']);
  const back = max(['reimbursed']);
  if (total !== null && back !== null) return { yuan: Math.max(0, total - back), basis: 'self_paid' };
  if (total !== null) return { yuan: total, basis: 'spent' };
  const owed = max(['debt', 'unknown']);
  return owed !== null ? { yuan: owed, basis: 'debt' } : null;
}

function sumValue(num: string, tail: string): { yuan: number; approx: boolean } | null {
  const scale = [...tail].filter((c) => '十百千万kKwW'.includes(c)).map((c) => c.toLowerCase());
  const factor = scale.reduce(
    (f, c) => f * (c === '十' ? 10 : c === '百' ? 100 : c === '千' || c === 'k' ? 1000 : 10000),
    1,
  );
  if (/^\d/.test(num)) return { yuan: Math.round(Number(num) * factor), approx: false };
  const v = chineseNumber(num);
  return v ? { yuan: Math.round(v.value * factor), approx: v.approx } : null;
}

function clauseBefore(t: string, at: number): string {
  let start = at;
  while (start > 0 && !CLAUSE_END.test(t[start - 1]!)) start--;
  return t.slice(start, at);
}

function roleOf(before: string): AmountRole {
  // the cue nearest the sum, as a whole phrase: 自己出了 is 自己出 (self-paid), not the 出了 inside it
  let best: { role: AmountRole; start: number; end: number } | null = null;
  for (const [role, re] of ROLE_CUES) {
    for (const m of before.matchAll(re)) {
      const cue = { role, start: m.index, end: m.index + m[0].length };
      const overlaps = best && cue.start < best.end && best.start < cue.end;
      if (!best || (overlaps ? cue.start < best.start : cue.end > best.end)) best = cue;
    }
  }
  return best?.role ?? 'unknown';
}

function perOf(before: string): { per?: 'day' | 'month' | 'year' } {
  const near = before.slice(-10);
  for (const [per, re] of PER) if (re.test(near)) return { per };
  return {};
}
