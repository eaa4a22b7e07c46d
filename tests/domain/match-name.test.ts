import { describe, expect, it } from 'vitest';
import { pickByName } from '../../src/domain/triage/match-name.js';

describe('pickByName', () => {
  const people = [
    { householdId: 'A', name: '王永华' },
    { householdId: 'B', name: '王秀英' },
    { householdId: 'C', name: '李 明' },
    { householdId: 'D', name: '张三' },
    { householdId: 'E', name: '张山' },
  ];
  it.each([
    ['王永华', 'A'],
    ['王勇华', 'A'],
    ['李明', 'C'],
    ['李　明', 'C'],
    ['张三', 'D'], // exact beats near
    ['张伞', null], // near two people: ambiguous
    ['刘永华', null], // another surname is another person
    ['王华', null], // a different length is not a typo
    ['', null],
  ])('%s → %s', (name, want) => {
    expect(pickByName(people, name)).toBe(want);
  });
});
