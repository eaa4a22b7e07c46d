import { idCheckChar } from './id-card.js';
import { createRandom, type Random } from './random.js';
import type {
  Cadre,
  Household,
  HouseholdStatus,
  Labour,
  Link,
  Member,
  MonitoringKind,
  Township,
  Village,
} from './types.js';

export interface DemoCountyOptions {
  /** Number of households; default 2,000. */
  households?: number;
  /** Same seed, same county. Default 2026. */
  seed?: number;
}

export interface DemoCounty {
  townships: Township[];
  villages: Village[];
  households: Household[];
  members: Member[];
  cadres: Cadre[];
  links: Link[];
}

const COUNTY = '守望县';
const AREA_CODE = '530699'; // not a real county code: demo ID numbers can't collide with real ones
const TOWNSHIPS = [
  { name: '青山镇', villages: ['石岭村', '龙潭村', '杨柳村', '大坪村', '新寨村'] },
  { name: '河口乡', villages: ['河湾村', '松林村', '白沙村', '高桥村', '田坝村'] },
];
const SURNAMES = '王李张刘陈杨赵黄周吴徐孙马朱胡郭何罗高林'.split('');
const GIVEN = '永国建华明志秀英芳桂兰玉春丽海军平德文学红梅云忠兴福成贵清'.split('');
/** Pair-helpers carry about this many 脱贫/监测 households each. */
const HOUSEHOLDS_PER_HELPER = 8;

/** Villages grow with the county (about 400 households each), 25 to a township beyond the first two. */
const HOUSEHOLDS_PER_VILLAGE = 400;
const VILLAGES_PER_TOWNSHIP = 25;
const PLACE_A = '东西南北上下前后新老'.split('');
const PLACE_B = '山河坪坝沟岭湾田林寨桥塘'.split('');

/** A plausible synthetic county: two townships, ten villages and households with members, cadres and links. */
export function generateDemoCounty(opts: DemoCountyOptions = {}): DemoCounty {
  const county: DemoCounty = { townships: [], villages: [], households: [], members: [], cadres: [], links: [] };
  for (const part of demoCountyParts(opts))
    for (const key of Object.keys(county) as Array<keyof DemoCounty>) (county[key] as unknown[]).push(...part[key]);
  return county;
}

/**
 * The same county in parts, for counties too large to hold at once: first the places and their
 * cadres, then households `batch` at a time with their members, new pair-helpers and links.
 */
export function* demoCountyParts(
  { households = 2000, seed = 2026 }: DemoCountyOptions = {},
  batch = 20_000,
): Generator<DemoCounty> {
  const rnd = createRandom(seed);
  const empty = (): DemoCounty => ({ townships: [], villages: [], households: [], members: [], cadres: [], links: [] });
  const county = empty();
  const name = () => rnd.pick(SURNAMES) + rnd.pick(GIVEN) + (rnd.chance(0.6) ? rnd.pick(GIVEN) : '');
  const phone = () => `1${rnd.pick(['38', '39', '58', '87', '50'])}${String(rnd.int(0, 99_999_999)).padStart(8, '0')}`;

  county.cadres.push({
    userid: 'county-office',
    name: '县乡村振兴局值班',
    role: 'county',
    townshipId: null,
    phone: null,
  });
  const villageCount = Math.max(10, Math.ceil(households / HOUSEHOLDS_PER_VILLAGE));
  const places = [...TOWNSHIPS];
  for (let left = villageCount - 10, t = places.length; left > 0; left -= VILLAGES_PER_TOWNSHIP, t++) {
    const villages = Array.from(
      { length: Math.min(left, VILLAGES_PER_TOWNSHIP) },
      (_, v) => `${PLACE_A[v % 10]}${PLACE_B[(v + t) % 12]}${v >= 10 ? v : ''}村`,
    );
    places.push({ name: `${PLACE_A[t % 10]}${PLACE_B[t % 12]}${t}镇`, villages });
  }
  places.forEach((t, ti) => {
    const townshipId = `T${ti + 1}`;
    county.townships.push({ id: townshipId, name: t.name, county: COUNTY });
    const leader = `bp-${townshipId}`;
    county.cadres.push({ userid: leader, name: name(), role: 'township', townshipId, phone: phone() });
    county.links.push({ kind: 'area', targetId: townshipId, cadreUserid: leader });
    t.villages.forEach((v, vi) => {
      const villageId = `${townshipId}V${String(vi + 1).padStart(2, '0')}`;
      county.villages.push({ id: villageId, townshipId, name: v });
      const villageCadre = `bc-${villageId}`;
      county.cadres.push({ userid: villageCadre, name: name(), role: 'village', townshipId, phone: phone() });
      county.links.push({ kind: 'village', targetId: villageId, cadreUserid: villageCadre });
    });
  });
  const villages = county.villages;
  let helpers = 0;
  yield county;

  const helperLoad = new Map<string, { userid: string; count: number }>();
  const usedIds = new Set<string>();
  let part = empty();
  for (let i = 0; i < households; i++) {
    const village = villages[i % villages.length]!;
    const id = `H${String(i + 1).padStart(7, '0')}`;
    const status: HouseholdStatus = rnd.chance(0.03) ? 'monitored' : rnd.chance(0.2 / 0.97) ? 'lifted' : 'ordinary';
    const monitoringKind: MonitoringKind | null =
      status === 'monitored' ? rnd.pick(['unstable', 'edge', 'sudden'] as const) : null;
    const income =
      status === 'monitored' ? rnd.int(4500, 8000) : status === 'lifted' ? rnd.int(7500, 16000) : rnd.int(9000, 30000);
    const members = makeMembers(rnd, id, usedIds, name, phone);
    const head = members[0]!;
    part.households.push({
      id,
      villageId: village.id,
      groupName: `${rnd.int(1, 8)}组`,
      headName: head.name,
      phone: head.phone,
      address: `${COUNTY}${village.name}${rnd.int(1, 8)}组${rnd.int(1, 120)}号`,
      status,
      monitoringKind,
      incomePerCapita: income,
    });
    part.members.push(...members);
    if (status !== 'ordinary') {
      // Pair-helpers carry HOUSEHOLDS_PER_HELPER households of one village each.
      let current = helperLoad.get(village.id);
      if (!current || current.count >= HOUSEHOLDS_PER_HELPER) {
        current = { userid: `bf-${String(++helpers).padStart(5, '0')}`, count: 0 };
        helperLoad.set(village.id, current);
        part.cadres.push({
          userid: current.userid,
          name: name(),
          role: 'helper',
          townshipId: village.townshipId,
          phone: phone(),
        });
      }
      current.count++;
      part.links.push({ kind: 'household', targetId: id, cadreUserid: current.userid });
    }
    if (part.households.length >= batch) {
      yield part;
      part = empty();
    }
  }
  if (part.households.length) yield part;
}

function makeMembers(
  rnd: Random,
  householdId: string,
  usedIds: Set<string>,
  name: () => string,
  phone: () => string,
): Member[] {
  const size = rnd.int(1, 6);
  const members: Member[] = [];
  for (let m = 0; m < size; m++) {
    const relation = m === 0 ? '户主' : m === 1 ? '配偶' : m < 5 ? '子女' : '父母';
    const year =
      relation === '子女' ? rnd.int(2000, 2020) : relation === '父母' ? rnd.int(1935, 1960) : rnd.int(1955, 1995);
    const birth = `${year}${String(rnd.int(1, 12)).padStart(2, '0')}${String(rnd.int(1, 28)).padStart(2, '0')}`;
    const first17 = uniqueFirst17(birth, rnd.int(0, 999), usedIds);
    const age = 2026 - year;
    const labour: Labour = age < 16 || age > 70 ? 'none' : age > 60 || rnd.chance(0.08) ? 'partial' : 'full';
    members.push({
      householdId,
      name: name(),
      idNumber: first17 + idCheckChar(first17),
      relation,
      birthDate: `${birth.slice(0, 4)}-${birth.slice(4, 6)}-${birth.slice(6, 8)}`,
      phone: m === 0 || (labour === 'full' && rnd.chance(0.5)) ? phone() : null,
      labour,
      disability: rnd.chance(0.04) ? rnd.pick(['肢体三级', '视力二级', '智力四级']) : '',
      schooling: age >= 6 && age <= 18 ? rnd.pick(['小学', '初中', '高中', '中职']) : '',
    });
  }
  return members;
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
