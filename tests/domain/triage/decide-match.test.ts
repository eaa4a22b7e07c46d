import { describe, expect, it } from 'vitest';
import { decideMatch, type MatchFindings, type MatchQuery } from '../../../src/domain/triage/decide-match.js';
import type { HouseholdRoster, MatchPerson } from '../../../src/domain/triage/match-evidence.js';
import { nameFit, parseNameQuery } from '../../../src/domain/triage/match-name.js';
import { idCheckChar } from '../../../src/domain/id-card.js';

const person = (name: string, relation: string, birthYear: number | null, more: Partial<MatchPerson> = {}) => ({
  name,
  relation,
  birthYear,
  idNumber: null,
  phone: null,
  ...more,
});
const house = (id: string, people: MatchPerson[], more: Partial<HouseholdRoster> = {}): HouseholdRoster => ({
  householdId: id,
  villageId: 'V1',
  villageName: '石岭村',
  groupName: '3组',
  headName: people[0]!.name,
  phone: null,
  people,
  ...more,
});
const find = (byName: HouseholdRoster[], more: Partial<MatchFindings> = {}): MatchFindings => ({
  villageId: 'V1',
  byHouseholdId: null,
  byIdNumber: null,
  byPhone: [],
  byName,
  ...more,
});
const decide = (q: MatchQuery, f: MatchFindings) => decideMatch(q, f, 2026);

const yi = house('H2', [person('测试乙', '户主', 1970, { phone: '13800001111' }), person('李芳', '配偶', 1972)]);
const jia = house('H1', [person('测试甲', '户主', null)]); // imported without ID: only the head row

describe('decideMatch', () => {
  it('a head with no member row is found by name (the 测试甲 / 测试乙 merge)', () => {
    expect(decide({ name: '测试甲', village: '石岭村' }, find([jia, yi]))).toMatchObject({
      kind: 'matched',
      householdId: 'H1',
      method: 'name_village',
    });
  });

  it('a one-character variant alone in the village is asked about, not merged into the neighbour', () => {
    const d = decide({ name: '测试甲', village: '石岭村' }, find([yi]));
    expect(d.kind).toBe('ask');
    if (d.kind === 'ask') expect(d.candidates.map((c) => c.householdId)).toEqual(['H2']);
  });

  it('a homophone matches only when a detail corroborates', () => {
    const wang = house('H3', [person('王永华', '户主', 1966, { phone: '13900002468' })]);
    expect(decide({ name: '王勇华', village: '石岭村' }, find([wang])).kind).toBe('ask');
    expect(decide({ name: '王勇华', village: '石岭村', phoneTail: '2468' }, find([wang]))).toMatchObject({
      kind: 'matched',
      householdId: 'H3',
      method: 'name_variant',
    });
    expect(decide({ name: '王勇华', village: '石岭村', age: 60 }, find([wang]))).toMatchObject({ kind: 'matched' });
    // A contradicting detail rules the one candidate out of an automatic match.
    expect(decide({ name: '王勇华', village: '石岭村', phoneTail: '1357' }, find([wang])).kind).toBe('ask');
  });

  it('two households that both fit are never chosen between', () => {
    const a = house('H4', [person('张德明', '户主', 1950)]);
    const b = house('H5', [person('王芳', '户主', 1980), person('张德明', '父母', 1951)]);
    const d = decide({ name: '张德明', village: '石岭村' }, find([a, b]));
    expect(d).toMatchObject({ kind: 'ask' });
    if (d.kind === 'ask') expect(d.candidates.map((c) => c.householdId).sort()).toEqual(['H4', 'H5']);
    // Age 1 year apart fits both: still ask.
    expect(decide({ name: '张德明', village: '石岭村', age: 76 }, find([a, b])).kind).toBe('ask');
    // A relation that tells them apart decides.
    expect(decide({ name: '张德明', village: '石岭村', relation: '户主' }, find([a, b]))).toMatchObject({
      kind: 'matched',
      householdId: 'H4',
    });
  });

  it('members are candidates as much as heads', () => {
    const h = house('H6', [person('赵建国', '户主', 1960), person('赵小军', '子女', 2012)]);
    expect(decide({ name: '赵小军', village: '石岭村' }, find([h]))).toMatchObject({
      kind: 'matched',
      householdId: 'H6',
    });
  });

  it('a namesake found without a village needs a detail, and namesakes in two villages are asked about', () => {
    const a = house('H7', [person('罗玉华', '户主', 1958)]);
    const b = house('H8', [person('罗玉华', '户主', 1990)], { villageId: 'V2', villageName: '大坪村' });
    expect(decide({ name: '罗玉华' }, find([a], { villageId: null })).kind).toBe('ask');
    expect(decide({ name: '罗玉华', age: 68 }, find([a, b], { villageId: null }))).toMatchObject({
      kind: 'matched',
      householdId: 'H7',
      method: 'name_corroborated',
    });
    const both = decide({ name: '罗玉华' }, find([a, b], { villageId: null }));
    expect(both).toMatchObject({ kind: 'ask', villageId: null });
  });

  it('老张家 means the household whose head is a 张, and needs a detail', () => {
    const zhang = house('H9', [person('张德明', '户主', 1950, { phone: '13700005555' })]);
    const li = house('H10', [person('李明', '户主', 1970), person('张芳', '配偶', 1972)]);
    expect(decide({ name: '老张家', village: '石岭村' }, find([zhang, li])).kind).toBe('ask');
    expect(decide({ name: '老张家', village: '石岭村', phoneTail: '5555' }, find([zhang, li]))).toMatchObject({
      kind: 'matched',
      householdId: 'H9',
      method: 'nickname',
    });
  });

  it('an ID number decides, unless the name given is nobody in that household', () => {
    const first17 = '53069919700101001';
    const id = first17 + idCheckChar(first17);
    expect(decide({ idNumber: id, name: '测试乙' }, find([], { byIdNumber: yi }))).toMatchObject({
      kind: 'matched',
      method: 'id_number',
    });
    expect(decide({ idNumber: id, name: '周国平' }, find([], { byIdNumber: yi })).kind).toBe('ask');
    // A number failing the checksum finds nobody, whatever the store returned.
    expect(
      decide(
        { idNumber: `${first17}0`.replace(/.$/, idCheckChar(first17) === '0' ? '1' : '0') },
        find([], { byIdNumber: yi }),
      ).kind,
    ).toBe('unmatched');
  });

  it('a phone shared by two households is narrowed by the name; 帮别人报 ignores the reporter’s phone', () => {
    const a = house('H11', [person('周国平', '户主', 1960)], { phone: '13600007777' });
    const b = house('H12', [person('周秀英', '户主', 1962)], { phone: '13600007777' });
    expect(decide({ phone: '13600007777', name: '周秀英' }, find([], { byPhone: [a, b] }))).toMatchObject({
      kind: 'matched',
      householdId: 'H12',
    });
    expect(decide({ phone: '13600007777' }, find([], { byPhone: [a, b] })).kind).toBe('ask');
    const zhang = house('H13', [person('张德明', '户主', 1950)]);
    expect(
      decide(
        { phone: '13600007777', name: '张德明', village: '石岭村', onBehalf: true },
        find([zhang], { byPhone: [a] }),
      ),
    ).toMatchObject({ kind: 'matched', householdId: 'H13' });
    // Without the flag the phone's household has no 张德明: ask, offering both.
    const d = decide({ phone: '13600007777', name: '张德明', village: '石岭村' }, find([zhang], { byPhone: [a] }));
    expect(d.kind).toBe('ask');
    if (d.kind === 'ask') expect(d.candidates.map((c) => c.householdId)).toEqual(['H11', 'H13']);
  });
});

describe('names', () => {
  it.each([
    ['老张家', { kind: 'surname', surname: '张' }],
    ['隔壁张大爷家', { kind: 'surname', surname: '张' }],
    ['李婶', { kind: 'surname', surname: '李' }],
    ['张德明家', { kind: 'full', name: '张德明' }],
    ['王 永华', { kind: 'full', name: '王永华' }],
    ['', null],
    ['13800001111', null],
  ])('%s', (raw, want) => expect(parseNameQuery(raw)).toEqual(want));

  it.each([
    ['王永华', '王永华', 'exact'],
    ['王勇华', '王永华', 'homophone'],
    ['测试甲', '测试乙', 'variant'],
    ['刘永华', '王永华', null],
    ['王华', '王永华', null],
    ['王永', '王华', null],
  ])('%s ~ %s', (q, p, want) => expect(nameFit({ kind: 'full', name: q }, p)).toBe(want));
});
