import { idCheckChar } from '../domain/id-card.js';
import type { Random } from './random.js';
import type { Labour, Member } from '../domain/types.js';

const AREA_CODE = '530699'; // not a real county code: demo ID numbers can't collide with real ones
/** The year ages are counted from (the demo is set in 2026). */
const THIS_YEAR = 2026;
const SURNAMES = '王李张刘陈杨赵黄周吴徐孙马朱胡郭何罗高林'.split('');
const MALE = '国建明志德文学军平忠兴福成贵清永海强勇刚华春'.split('');
const FEMALE = '秀英芳桂兰玉春丽红梅云珍凤霞燕琴敏翠花娟'.split('');
/** Generation characters (字辈): brothers and cousins share one, so a village has 张建国, 张建华, 张建平. */
const GENERATION = '建永德志国家正明'.split('');

/** What a village remembers while its households are made: its clans and the names already given. */
export interface VillageNames {
  /** Two or three surnames most households carry (single-clan villages are common). */
  clans: string[];
  /** Names of heads already in the village, for deliberate namesakes and near-names. */
  heads: string[];
}

export function newVillageNames(rnd: Random): VillageNames {
  const clans = [rnd.pick(SURNAMES)];
  while (clans.length < rnd.int(2, 3)) {
    const s = rnd.pick(SURNAMES);
    if (!clans.includes(s)) clans.push(s);
  }
  return { clans, heads: [] };
}

/** Age-fitting school stage: 学龄前 / 小学 / 初中 / 高中 or 中职 / 大学 / 非在校. */
export function schoolingFor(age: number, rnd: Random): string {
  if (age < 6) return '学龄前';
  if (age <= 11) return '小学';
  if (age <= 14) return '初中';
  if (age <= 17) return rnd.chance(0.7) ? '高中' : '中职';
  if (age <= 21 && rnd.chance(0.35)) return '大学';
  return '非在校';
}

/**
 * A family that hangs together: children carry the head's surname (sometimes the spouse's) and share a
 * generation character; spouses are of an age; children were born when their parents were 20 to 40;
 * schooling fits each age. About one head in twenty shares a name with another head of the village, and
 * one in fifteen is one character away from one, so matching is exercised the way real villages do.
 */
export function makeFamily(
  rnd: Random,
  householdId: string,
  village: VillageNames,
  usedIds: Set<string>,
  phone: () => string,
): Member[] {
  const clan = rnd.chance(0.65) ? rnd.pick(village.clans) : rnd.pick(SURNAMES);
  const given = (pool: string[], gen?: string) =>
    gen ? gen + rnd.pick(pool) : rnd.chance(0.55) ? rnd.pick(pool) + rnd.pick(pool) : rnd.pick(pool);
  let headName = clan + given(MALE, rnd.chance(0.5) ? rnd.pick(GENERATION) : undefined);
  if (village.heads.length > 5 && rnd.chance(0.05)) headName = rnd.pick(village.heads);
  else if (village.heads.length > 5 && rnd.chance(0.07)) {
    const near = [...rnd.pick(village.heads)];
    if (near.length >= 3) {
      near[near.length - 1] = rnd.pick(MALE);
      headName = near.join('');
    }
  }
  village.heads.push(headName);
  const surname = headName[0]!;

  const headYear = rnd.int(1955, 1995);
  const people: Array<Omit<Member, 'idNumber' | 'labour' | 'schooling' | 'phone'> & { year: number }> = [
    { householdId, name: headName, relation: '户主', birthDate: null, disability: '', year: headYear },
  ];
  const size = rnd.int(1, 6);
  const spouseSurname = rnd.pick(SURNAMES.filter((s) => s !== surname));
  if (size >= 2)
    people.push({
      householdId,
      name: spouseSurname + given(FEMALE),
      relation: '配偶',
      birthDate: null,
      disability: '',
      year: Math.min(2000, headYear + rnd.int(-3, 5)),
    });
  const generation = rnd.pick(GENERATION);
  const children = Math.min(3, Math.max(0, size - 2 - (size === 6 ? 1 : 0)));
  for (let c = 0; c < children; c++) {
    const year = Math.min(THIS_YEAR - 1, headYear + rnd.int(20, 40));
    const childSurname = rnd.chance(0.9) ? surname : spouseSurname;
    const pool = rnd.chance(0.5) ? MALE : FEMALE;
    people.push({
      householdId,
      name: childSurname + given(pool, pool === MALE && rnd.chance(0.6) ? generation : undefined),
      relation: '子女',
      birthDate: null,
      disability: '',
      year,
    });
  }
  if (size === 6)
    people.push({
      householdId,
      name: surname + given(MALE),
      relation: '父母',
      birthDate: null,
      disability: '',
      year: Math.max(1935, headYear - rnd.int(20, 35)),
    });

  return people.map(({ year, ...p }, m) => {
    const birth = `${year}${String(rnd.int(1, 12)).padStart(2, '0')}${String(rnd.int(1, 28)).padStart(2, '0')}`;
    const first17 = uniqueFirst17(birth, rnd.int(0, 999), usedIds);
    const age = THIS_YEAR - year;
    const labour: Labour = age < 16 || age > 70 ? 'none' : age > 60 || rnd.chance(0.08) ? 'partial' : 'full';
    return {
      ...p,
      idNumber: first17 + idCheckChar(first17),
      birthDate: `${birth.slice(0, 4)}-${birth.slice(4, 6)}-${birth.slice(6, 8)}`,
      phone: m === 0 || (labour === 'full' && rnd.chance(0.5)) ? phone() : null,
      labour,
      disability: rnd.chance(0.04) ? rnd.pick(['肢体三级', '视力二级', '智力四级']) : '',
      schooling: age <= 22 ? schoolingFor(age, rnd) : '非在校',
    };
  });
}

/** Moves the 3-digit order code on until the number is unused (as a real registry would). */
function uniqueFirst17(birth: string, start: number, used: Set<string>): string {
  for (let k = 0; k < 1000; k++) {
    const first17 = AREA_CODE + birth + String((start + k) % 1000).padStart(3, '0');
    if (!used.has(first17)) {
      used.add(first17);
      return first17;
    }
  }
  throw new Error(`demo county: no ID numbers left for birth date ${birth}`);
}
