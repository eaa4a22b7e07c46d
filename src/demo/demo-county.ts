import { makeFamily, newVillageNames, type VillageNames } from './demo-family.js';
import { createRandom } from './random.js';
import type {
  Cadre,
  Household,
  HouseholdStatus,
  Link,
  Member,
  MonitoringKind,
  Township,
  Village,
} from '../domain/types.js';

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
  const villageNames = new Map<string, VillageNames>();
  let part = empty();
  for (let i = 0; i < households; i++) {
    const village = villages[i % villages.length]!;
    const id = `H${String(i + 1).padStart(7, '0')}`;
    const status: HouseholdStatus = rnd.chance(0.03) ? 'monitored' : rnd.chance(0.2 / 0.97) ? 'lifted' : 'ordinary';
    const monitoringKind: MonitoringKind | null =
      status === 'monitored' ? rnd.pick(['unstable', 'edge', 'sudden'] as const) : null;
    const income =
      status === 'monitored' ? rnd.int(4500, 8000) : status === 'lifted' ? rnd.int(7500, 16000) : rnd.int(9000, 30000);
    if (!villageNames.has(village.id)) villageNames.set(village.id, newVillageNames(rnd));
    const members = makeFamily(rnd, id, villageNames.get(village.id)!, usedIds, phone);
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
