import { describe, expect, it } from 'vitest';
import { generateDemoCounty } from '../../src/demo/demo-county.js';
import { isValidIdNumber } from '../../src/domain/id-card.js';

describe('demo county', () => {
  const county = generateDemoCounty({ households: 3000, seed: 11 });

  it('is the same for the same seed and different for another', () => {
    expect(generateDemoCounty({ households: 3000, seed: 11 })).toEqual(county);
    expect(generateDemoCounty({ households: 3000, seed: 12 }).members[0]).not.toEqual(county.members[0]);
  });

  it('has two townships, ten villages and plausible shares of 脱贫户 and 监测户', () => {
    expect(county.townships).toHaveLength(2);
    expect(county.villages).toHaveLength(10);
    const share = (s: string) => county.households.filter((h) => h.status === s).length / county.households.length;
    expect(share('lifted')).toBeGreaterThan(0.17);
    expect(share('lifted')).toBeLessThan(0.23);
    expect(share('monitored')).toBeGreaterThan(0.02);
    expect(share('monitored')).toBeLessThan(0.04);
  });

  it('gives every member a unique, valid ID number', () => {
    const ids = county.members.map((m) => m.idNumber);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.every((id) => id !== null && isValidIdNumber(id))).toBe(true);
  });

  it('links the whole chain: village cadre per village, leader per township, helper per 脱贫/监测 household', () => {
    for (const v of county.villages)
      expect(county.links.some((l) => l.kind === 'village' && l.targetId === v.id)).toBe(true);
    for (const t of county.townships)
      expect(county.links.some((l) => l.kind === 'area' && l.targetId === t.id)).toBe(true);
    const helped = new Set(county.links.filter((l) => l.kind === 'household').map((l) => l.targetId));
    expect(county.households.filter((h) => h.status !== 'ordinary').every((h) => helped.has(h.id))).toBe(true);
  });

  it('grows by villages of about 400 households, 25 to a township, with unique names, when made large', () => {
    const big = generateDemoCounty({ households: 20_000, seed: 3 });
    expect(big.villages).toHaveLength(50);
    expect(big.townships).toHaveLength(4); // the two named ones, then 25 + 15 villages
    expect(new Set(big.townships.map((t) => t.name)).size).toBe(4);
    for (const t of big.townships) {
      const names = big.villages.filter((v) => v.townshipId === t.id).map((v) => v.name);
      expect(new Set(names).size).toBe(names.length);
    }
    expect(big.households.filter((h) => h.villageId === 'T3V01')).toHaveLength(400);
  });
});

const groupBy = <T>(xs: T[], key: (x: T) => string) => {
  const out = new Map<string, T[]>();
  for (const x of xs) out.set(key(x), [...(out.get(key(x)) ?? []), x]);
  return out;
};

describe('demo county families', () => {
  const county = generateDemoCounty({ households: 2000, seed: 2026 });
  const byHousehold = groupBy(county.members, (m) => m.householdId);
  const year = (m: { birthDate: string | null }) => Number(m.birthDate!.slice(0, 4));

  it('names children after the head or the spouse, and their ages and schooling fit', () => {
    for (const members of byHousehold.values()) {
      const head = members.find((m) => m.relation === '户主')!;
      const spouse = members.find((m) => m.relation === '配偶');
      for (const child of members.filter((m) => m.relation === '子女')) {
        expect([head.name[0], spouse?.name[0]]).toContain(child.name[0]);
        expect(year(child) - year(head)).toBeGreaterThanOrEqual(20);
      }
      for (const m of members) {
        const age = 2026 - year(m);
        const stage = m.schooling;
        // biome-ignore lint/complexity/noCommaOperator: two bounds of one age, read as one line.
        if (stage === '小学') expect(age).toBeGreaterThanOrEqual(6), expect(age).toBeLessThanOrEqual(11);
        // biome-ignore lint/complexity/noCommaOperator: two bounds of one age, read as one line.
        if (stage === '初中') expect(age).toBeGreaterThanOrEqual(12), expect(age).toBeLessThanOrEqual(14);
        if (stage === '大学') expect(age).toBeGreaterThanOrEqual(18);
        if (age > 22) expect(stage).toBe('非在校');
      }
    }
  });

  it('has namesakes and one-character near-names among the heads of a village, so matching is exercised', () => {
    let namesakes = 0;
    let near = 0;
    for (const v of county.villages) {
      const heads = county.households.filter((h) => h.villageId === v.id).map((h) => h.headName);
      namesakes += heads.length - new Set(heads).size;
      const unique = [...new Set(heads)];
      near += unique.filter((a) =>
        unique.some((b) => a !== b && a.length === b.length && a.length >= 3 && a.slice(0, -1) === b.slice(0, -1)),
      ).length;
      // Clan villages: the commonest surname carries a good share of the village.
      const counts = groupBy(heads, (h) => h[0]!);
      expect(Math.max(...[...counts.values()].map((x) => x.length)) / heads.length).toBeGreaterThan(0.15);
    }
    expect(namesakes).toBeGreaterThan(30);
    expect(near).toBeGreaterThan(30);
  });
});
