import { isValidIdNumber, normalizeIdNumber, toHalfWidth } from '../id-card.js';
import { corroborate, type Corroboration, type HouseholdRoster, type MatchPerson } from './match-evidence.js';
import { nameFit, parseNameQuery, type NameFit } from './match-name.js';

/** Everything a report says about who it is about. */
export interface MatchQuery extends Corroboration {
  householdId?: string | null;
  idNumber?: string | null;
  phone?: string | null;
  name?: string | null;
  village?: string | null;
  /** 帮别人报: the phone is the reporter's own, not the household's, so it finds nobody. */
  onBehalf?: boolean | null;
}

/** What the store found for a query, by each route. */
export interface MatchFindings {
  /** The village the report names, when it names exactly one. */
  villageId: string | null;
  byHouseholdId: HouseholdRoster | null;
  byIdNumber: HouseholdRoster | null;
  byPhone: HouseholdRoster[];
  /** Households in the village (or, with no village, the county) with someone the name may mean. */
  byName: HouseholdRoster[];
}

export type MatchMethod =
  | 'household_id'
  | 'id_number'
  | 'phone'
  | 'name_village'
  | 'name_corroborated'
  | 'name_variant'
  | 'nickname'
  | 'linked'
  | 'ambiguous'
  | 'unmatched';

/** A household offered to the cadre to choose from (是 X 户). */
export interface HouseholdOption {
  householdId: string;
  headName: string;
  villageId: string;
  villageName: string;
  groupName: string;
  /** Who in it the report may mean: "王勇华（子女）". */
  person: string;
}

export type MatchDecision =
  | { kind: 'matched'; householdId: string; villageId: string; method: MatchMethod; why: string }
  | { kind: 'ask'; villageId: string | null; candidates: HouseholdOption[]; why: string }
  | { kind: 'unmatched'; villageId: string | null; why: string };

/** At most this many households are offered: a card holds six buttons, one is 都不是. */
export const MAX_OPTIONS = 5;

/**
 * Which household a report is about, preferring "ask" to "guess": a household id, a checksum-valid ID
 * number or a phone finds one household, unless the name given belongs to nobody in it (then ask).
 * A name matches within the village when exactly one household has that exact name and nothing
 * contradicts; a homophone, a one-character variant, a namesake found without a village or a 老张家 needs
 * one household alone to fit and independent details (age, phone tail, relation, group) to agree.
 * Two households that both fit are never chosen between: the cadre is asked.
 */
export function decideMatch(q: MatchQuery, f: MatchFindings, asOfYear: number): MatchDecision {
  const matched = (h: HouseholdRoster, method: MatchMethod, why: string): MatchDecision => ({
    kind: 'matched',
    householdId: h.householdId,
    villageId: h.villageId,
    method,
    why,
  });
  const name = parseNameQuery(q.name);
  // With a key (ID number, phone) the name need only belong to someone in the household.
  const fitsName = (h: HouseholdRoster) => !name || bestFit(q, h, asOfYear) !== null;

  if (f.byHouseholdId) return matched(f.byHouseholdId, 'household_id', '户编号');

  const keyed = q.idNumber && isValidIdNumber(q.idNumber) ? f.byIdNumber : null;
  if (keyed) {
    if (fitsName(keyed)) return matched(keyed, 'id_number', '身份证号');
    return ask(q, f, [keyed], asOfYear, '身份证号所在户里没有报告所说的人');
  }

  const phoneHouses = q.onBehalf ? [] : f.byPhone;
  if (phoneHouses.length) {
    // Between households sharing the phone, the one with that exact name before one with a look-alike.
    const exact = phoneHouses.filter((h) => bestFit(q, h, asOfYear)?.fit === 'exact');
    const fitting = exact.length ? exact : phoneHouses.filter(fitsName);
    if (fitting.length === 1) return matched(fitting[0]!, 'phone', '电话');
    return ask(q, f, phoneHouses, asOfYear, fitting.length ? '多户共用这个电话' : '电话所在户里没有报告所说的人');
  }

  if (!name) return unmatched(f, '报告没有可用的身份信息');
  const scope = f.villageId ? f.byName.filter((h) => h.villageId === f.villageId) : f.byName;
  const fits = scope.flatMap((h) => {
    const fit = bestFit(q, h, asOfYear);
    return fit ? [{ h, ...fit }] : [];
  });
  if (!fits.length) return unmatched(f, '没有找到同名的人');

  // An exact namesake, even one the details contradict, keeps a look-alike name from being chosen.
  const exact = fits.filter((x) => x.fit === 'exact');
  const pool = exact.length ? exact : fits;
  const fitting = pool.filter((x) => !x.contradicted);
  const alone = fitting.length === 1 ? fitting[0]! : null;
  if (alone) {
    // Where others were ruled out by a detail, that detail must speak for the one left.
    const needed =
      alone.fit === 'variant' ? 2 : alone.fit === 'exact' && f.villageId ? (pool.length === 1 ? 0 : 0.5) : 1;
    if (alone.support >= needed) {
      const method: MatchMethod =
        alone.fit === 'exact'
          ? needed === 0
            ? 'name_village'
            : 'name_corroborated'
          : alone.fit === 'surname'
            ? 'nickname'
            : 'name_variant';
      const why = needed === 0 ? '村内唯一同名' : `${FIT_LABEL[alone.fit]}，且${alone.agreed.join('、')}相符`;
      return matched(alone.h, method, why);
    }
  }
  const ordered = [...fitting, ...pool.filter((x) => x.contradicted)].map((x) => x.h);
  const why = fitting.length > 1 ? `${fitting.length} 户都可能` : `${FIT_LABEL[pool[0]!.fit]}，缺少可印证的信息`;
  return ask(q, f, ordered, asOfYear, why, false);
}

const FIT_LABEL: Record<NameFit, string> = {
  exact: '姓名相同',
  homophone: '姓名同音',
  variant: '姓名差一个字',
  surname: '只有姓氏',
};
const FIT_RANK: Record<NameFit, number> = { exact: 0, homophone: 1, variant: 2, surname: 3 };
const STRENGTH = { phoneTail: 1, age: 1, relation: 0.5, group: 0.5 } as const;
const DETAIL_LABEL = { phoneTail: '电话尾号', age: '年龄', relation: '与户主关系', group: '村民小组' } as const;

interface Fit {
  person: MatchPerson;
  fit: NameFit;
  /** A detail (age, phone tail, relation, group) disagrees with this person. */
  contradicted: boolean;
  support: number;
  agreed: string[];
}

/**
 * The person in the household the name fits best, preferring one no detail contradicts; support adds up
 * the details that agree. A 老张家 means the household whose head is a 张.
 */
function bestFit(q: MatchQuery, h: HouseholdRoster, asOfYear: number): Fit | null {
  const name = parseNameQuery(q.name);
  if (!name) return null;
  const details = Object.keys(STRENGTH) as Array<keyof typeof STRENGTH>;
  const rank = (x: Fit) => FIT_RANK[x.fit] * 10 + (x.contradicted ? 5 : 0) - x.support;
  let best: Fit | null = null;
  for (const person of h.people) {
    const fit = nameFit(name, person.name);
    if (!fit || (fit === 'surname' && person.name !== h.headName)) continue;
    const verdicts = corroborate(q, person, h, asOfYear);
    const agreed = details.filter((d) => verdicts[d] === 'yes');
    const cand: Fit = {
      person,
      fit,
      contradicted: details.some((d) => verdicts[d] === 'no'),
      support: agreed.reduce((s, d) => s + STRENGTH[d], 0),
      agreed: agreed.map((d) => DETAIL_LABEL[d]),
    };
    if (!best || rank(cand) < rank(best)) best = cand;
  }
  return best;
}

/**
 * 待关联 with the households given; after a key (ID number, phone) that pointed elsewhere, also those the
 * name fits, so the cadre sees both sides.
 */
function ask(
  q: MatchQuery,
  f: MatchFindings,
  households: HouseholdRoster[],
  asOfYear: number,
  why: string,
  withNameFits = true,
): MatchDecision {
  const seen = new Set<string>();
  const inScope = withNameFits ? f.byName.filter((h) => !f.villageId || h.villageId === f.villageId) : [];
  const all = [...households, ...inScope].filter((h) => {
    if (seen.has(h.householdId)) return false;
    seen.add(h.householdId);
    return households.includes(h) || bestFit(q, h, asOfYear) !== null;
  });
  const candidates = all.slice(0, MAX_OPTIONS).map((h) => option(q, h, asOfYear));
  const villages = new Set(candidates.map((c) => c.villageId));
  const villageId = f.villageId ?? (villages.size === 1 ? [...villages][0]! : null);
  return { kind: 'ask', villageId, candidates, why };
}

function option(q: MatchQuery, h: HouseholdRoster, asOfYear: number): HouseholdOption {
  const p = bestFit(q, h, asOfYear)?.person ?? h.people.find((x) => x.name === h.headName);
  return {
    householdId: h.householdId,
    headName: h.headName,
    villageId: h.villageId,
    villageName: h.villageName,
    groupName: h.groupName,
    person: p ? `${p.name}${p.relation ? `（${p.relation}）` : ''}` : h.headName,
  };
}

function unmatched(f: MatchFindings, why: string): MatchDecision {
  return { kind: 'unmatched', villageId: f.villageId, why };
}

/** A phone as the store keeps it: digits only, without +86 / 0086 before a mobile number. */
export function phoneDigits(raw: string | null | undefined): string {
  const d = toHalfWidth(raw ?? '').replace(/\D/g, '');
  return /^(?:00)?861[3-9]\d{9}$/.test(d) ? d.replace(/^(?:00)?86/, '') : d;
}

/** The ID number as the store keys it, or null when it fails the checksum (a typo finds nobody). */
export function usableIdNumber(raw: string | null | undefined): string | null {
  return raw && isValidIdNumber(raw) ? normalizeIdNumber(raw) : null;
}
