import { describe, expect, it } from 'vitest';
import { generateDemoCounty } from '../../src/domain/demo-county.js';
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
    expect(ids.every(isValidIdNumber)).toBe(true);
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
