import { chineseNumber } from './chinese-number.js';

/** One person of a household as matching sees them: the head (from the household row) or a member. */
export interface MatchPerson {
  name: string;
  /** 户主, 配偶, 子女 … as registered; '' when unknown. */
  relation: string;
  idNumber: string | null;
  birthYear: number | null;
  phone: string | null;
}

/** A household the store found for a query, with everyone in it (so a name can be checked against all). */
export interface HouseholdRoster {
  householdId: string;
  villageId: string;
  villageName: string;
  groupName: string;
  headName: string;
  phone: string | null;
  people: MatchPerson[];
}

/** What else a report says about the person, beside the keys that find them. */
export interface Corroboration {
  group?: string | null;
  relation?: string | null;
  /** Age in years (as of `asOfYear`), or a birth year. */
  age?: number | null;
  birthYear?: number | null;
  /** The last digits of a phone (4 or more). */
  phoneTail?: string | null;
}

export type Verdict = 'yes' | 'no' | 'unknown';

/** 三组 / 3组 / 第3村民小组 → 3; null when no number is in it. */
export function groupNumber(raw: string | null | undefined): number | null {
  const s = (raw ?? '').trim();
  const digits = /(\d+)/.exec(s);
  if (digits) return Number(digits[1]);
  const zh = /([零一二两三四五六七八九十]+)/.exec(s);
  return zh ? (chineseNumber(zh[1]!)?.value ?? null) : null;
}

const RELATION_CLASS: Array<[RegExp, string]> = [
  [/^(?:户主|本人|自己)$/, 'head'],
  [/配偶|妻|夫|老婆|老公|爱人|媳妇(?!儿)/, 'spouse'],
  [/孙|外孙/, 'grandchild'],
  [/子|女|儿/, 'child'],
  [/父|母|爸|妈|爷|奶|公公|婆婆/, 'parent'],
  [/兄|弟|姐|妹/, 'sibling'],
];

/** 妻子 / 配偶 / 老婆 → spouse …; null when the word is not one we know. */
export function relationClass(raw: string | null | undefined): string | null {
  const s = (raw ?? '').trim();
  if (!s) return null;
  return RELATION_CLASS.find(([re]) => re.test(s))?.[1] ?? null;
}

/**
 * Each corroborating detail against one person: yes (agrees), no (contradicts), unknown (one side is
 * silent). Ages within 2 years agree and more than 5 apart contradict (ages in lists are rounded).
 */
export function corroborate(
  c: Corroboration,
  person: MatchPerson,
  household: HouseholdRoster,
  asOfYear: number,
): { group: Verdict; relation: Verdict; age: Verdict; phoneTail: Verdict } {
  const wantGroup = groupNumber(c.group);
  const haveGroup = groupNumber(household.groupName);
  const group: Verdict = wantGroup === null || haveGroup === null ? 'unknown' : wantGroup === haveGroup ? 'yes' : 'no';

  const wantRel = relationClass(c.relation);
  const haveRel = relationClass(person.relation);
  const relation: Verdict = !wantRel || !haveRel ? 'unknown' : wantRel === haveRel ? 'yes' : 'no';

  const wantYear = c.birthYear ?? (c.age != null ? asOfYear - c.age : null);
  const gap = wantYear === null || person.birthYear === null ? null : Math.abs(wantYear - person.birthYear);
  const age: Verdict = gap === null ? 'unknown' : gap <= 2 ? 'yes' : gap > 5 ? 'no' : 'unknown';

  const tail = (c.phoneTail ?? '').replace(/\D/g, '');
  const phones = [person.phone, household.phone].flatMap((p) => (p ? [p.replace(/\D/g, '')] : []));
  const phoneTail: Verdict =
    tail.length < 4 || phones.length === 0 ? 'unknown' : phones.some((p) => p.endsWith(tail)) ? 'yes' : 'no';
  return { group, relation, age, phoneTail };
}
