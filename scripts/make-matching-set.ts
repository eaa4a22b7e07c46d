/**
 * Writes the labelled matching set (corpus/matching/): a synthetic county with the collisions real ones
 * have, and cases naming its people the way department rows and villagers do. Run once; the output is
 * committed and the eval reads only that (`npm run eval:matching`). Labels come from the county itself
 * (who really has that name, age, phone), never from the matcher.
 */
import { generateDemoCounty } from '../src/demo/demo-county.js';
import { idCheckChar } from '../src/domain/id-card.js';
import { createRandom } from '../src/demo/random.js';
import type { MatchQuery } from '../src/domain/triage/decide-match.js';
import { fitsName, retypeName } from './matching-set/typed-names.js';
import { writeMatchingSet, type Case } from './matching-set/write-set.js';

const OUT = new URL('../corpus/matching/', import.meta.url);
const rnd = createRandom(18);
const county = generateDemoCounty({ households: 1200, seed: 77 });

// Households imported without ID numbers: the household row only, no member rows (as imports did).
const stripped = new Set(county.households.filter(() => rnd.chance(0.06)).map((h) => h.id));
county.members = county.members.filter((m) => !stripped.has(m.householdId));
// Grown children and parents living apart often give one phone for both households.
for (let i = 0; i < 20; i++) {
  const a = rnd.pick(county.households);
  const b = rnd.pick(county.households.filter((h) => h.villageId === a.villageId && h.id !== a.id));
  if (!a.phone || !b) continue;
  b.phone = a.phone;
  const head = county.members.find((m) => m.householdId === b.id && m.relation === '户主');
  if (head) head.phone = a.phone;
}

interface Person {
  hh: string;
  village: string;
  group: string;
  name: string;
  relation: string;
  year: number | null;
  phone: string | null;
  idNumber: string | null;
}
const villageName = new Map(county.villages.map((v) => [v.id, v.name]));
const house = new Map(county.households.map((h) => [h.id, h]));
const people: Person[] = [
  ...county.members.map((m) => ({
    hh: m.householdId,
    village: house.get(m.householdId)!.villageId,
    group: house.get(m.householdId)!.groupName,
    name: m.name,
    relation: m.relation,
    year: Number(m.birthDate!.slice(0, 4)),
    phone: m.phone ?? house.get(m.householdId)!.phone,
    idNumber: m.idNumber,
  })),
  ...county.households
    .filter((h) => stripped.has(h.id))
    .map((h) => ({
      hh: h.id,
      village: h.villageId,
      group: h.groupName,
      name: h.headName,
      relation: '户主',
      year: null,
      phone: h.phone,
      idNumber: null,
    })),
];
const households = (ps: Person[]) => new Set(ps.map((p) => p.hh));
const inVillage = (v: string) => people.filter((p) => p.village === v);
const retype = (name: string, homophone: boolean) => retypeName(rnd, name, homophone);
const ageOk = (p: Person, year: number | null) => year === null || p.year === null || Math.abs(p.year - year) <= 5;
const tailOk = (p: Person, tail: string | null) => !tail || !p.phone || p.phone.endsWith(tail);
const villageForm = (v: string) => {
  const n = villageName.get(v)!;
  return rnd.pick([n, n, n.replace(/村$/, ''), `${n}委会`]);
};

const cases: Case[] = [];
const add = (kind: string, identity: MatchQuery, answer: string | null, oneAnswer: boolean, note: string) =>
  cases.push({
    id: `${kind}-${String(cases.filter((c) => c.kind === kind).length + 1).padStart(3, '0')}`,
    kind,
    identity,
    answer,
    oneAnswer,
    note,
  });
const withId = people.filter((p) => p.idNumber);

for (let i = 0; i < 35; i++) {
  const p = rnd.pick(withId);
  const id = rnd.chance(0.2)
    ? `${p.idNumber!.slice(0, 6)} ${p.idNumber!.slice(6, 14)} ${p.idNumber!.slice(14)}`
    : p.idNumber!.toLowerCase();
  add('id', { idNumber: id, ...(rnd.chance(0.5) ? { name: p.name } : {}) }, p.hh, true, '身份证号（可能带空格）');
}
for (let i = 0; i < 20; i++) {
  const p = rnd.pick(withId);
  const digits = [...p.idNumber!];
  const k = rnd.int(6, 16);
  digits[k] = String((Number(digits[k]) + rnd.int(1, 9)) % 10);
  const typo = digits.join('');
  if (idCheckChar(typo.slice(0, 17)) === typo[17]) continue;
  const sameName = households(inVillage(p.village).filter((x) => x.name === p.name));
  add(
    'id-typo',
    { idNumber: typo, name: p.name, village: villageForm(p.village) },
    p.hh,
    sameName.size === 1,
    '身份证号录错一位，姓名和村对',
  );
}
const phoneOwners = (phone: string) => households(people.filter((p) => p.phone === phone));
for (let i = 0; i < 40; i++) {
  const p = rnd.pick(people.filter((x) => x.phone));
  const owners = phoneOwners(p.phone!);
  const form = rnd.pick([
    p.phone!,
    `+86 ${p.phone}`,
    `${p.phone!.slice(0, 3)}-${p.phone!.slice(3, 7)}-${p.phone!.slice(7)}`,
  ]);
  const named = rnd.chance(0.5);
  const one =
    owners.size === 1 ||
    (named && households(people.filter((x) => x.phone === p.phone && x.name === p.name)).size === 1);
  add(
    owners.size > 1 ? 'shared-phone' : 'phone',
    { phone: form, ...(named ? { name: p.name } : {}) },
    p.hh,
    one,
    owners.size > 1 ? '多户留同一个电话' : '电话',
  );
}
const sharing = people.filter((p) => p.phone && phoneOwners(p.phone).size > 1);
for (let i = 0; i < 14 && sharing.length; i++) {
  const p = rnd.pick(sharing);
  const named = i % 3 !== 0;
  const one = named && households(people.filter((x) => x.phone === p.phone && x.name === p.name)).size === 1;
  add('shared-phone', { phone: p.phone, ...(named ? { name: p.name } : {}) }, p.hh, one, '两户留同一个电话');
}
for (let i = 0; i < 50; i++) {
  const p = rnd.pick(people);
  const group = rnd.chance(0.3);
  const same = inVillage(p.village).filter((x) => x.name === p.name && (!group || x.group === p.group));
  add(
    'name',
    { name: p.name, village: villageForm(p.village), ...(group ? { group: p.group } : {}) },
    p.hh,
    households(same).size === 1,
    p.relation === '户主' ? '户主姓名 + 村' : '家庭成员姓名 + 村',
  );
}
const namesakes = people.filter((p) => households(inVillage(p.village).filter((x) => x.name === p.name)).size > 1);
for (let i = 0; i < 30 && namesakes.length; i++) {
  const p = rnd.pick(namesakes);
  const year = rnd.chance(0.6) && p.year ? p.year + rnd.int(-1, 1) : null;
  const others = inVillage(p.village).filter((x) => x.name === p.name && x.hh !== p.hh && ageOk(x, year));
  add(
    'namesake',
    { name: p.name, village: villageForm(p.village), ...(year ? { age: 2026 - year } : {}) },
    p.hh,
    year !== null && others.length === 0,
    '同村同名',
  );
}
const corroborated = (kind: string, homophone: boolean, n: number, needBoth: boolean) => {
  for (let made = 0, tries = 0; made < n && tries < 50 * n; tries++) {
    const p = rnd.pick(people.filter((x) => x.year && x.phone));
    const typed = retype(p.name, homophone);
    if (!typed || people.some((x) => x.name === typed)) continue;
    const both = rnd.chance(0.5);
    const tail = both || rnd.chance(0.5) ? p.phone!.slice(-4) : null;
    const year = both || !tail ? p.year : null;
    const given = rnd.chance(0.25) ? { tail: null, year: null } : { tail, year };
    const others = inVillage(p.village).filter(
      (x) => x.hh !== p.hh && fitsName(typed, x.name) && ageOk(x, given.year) && tailOk(x, given.tail),
    );
    const enough = needBoth ? given.tail !== null && given.year !== null : given.tail !== null || given.year !== null;
    add(
      kind,
      {
        name: typed,
        village: villageForm(p.village),
        ...(given.tail ? { phoneTail: given.tail } : {}),
        ...(given.year ? { age: 2026 - given.year } : {}),
      },
      p.hh,
      enough && others.length === 0,
      `${p.name} 写成 ${typed}`,
    );
    made++;
  }
};
corroborated('homophone', true, 45, false);
corroborated('variant', false, 25, true);
for (let i = 0; i < 25; i++) {
  const p = rnd.pick(people.filter((x) => x.year));
  const year = rnd.chance(0.6) ? p.year : null;
  const same = people.filter((x) => x.name === p.name && ageOk(x, year));
  add(
    'no-village',
    { name: p.name, ...(year ? { age: 2026 - year } : {}) },
    p.hh,
    year !== null && households(same).size === 1,
    '没写村',
  );
}
for (let i = 0; i < 20; i++) {
  const h = rnd.pick(county.households.filter((x) => x.phone));
  const s = h.headName[0]!;
  const tail = rnd.chance(0.6) ? h.phone!.slice(-4) : null;
  const heads = county.households.filter(
    (x) => x.villageId === h.villageId && x.headName[0] === s && (!tail || !x.phone || x.phone.endsWith(tail)),
  );
  const name = rnd.pick([`老${s}家`, `${s}大爷`, `隔壁${s}婶家`, `${s}大妈`]);
  add(
    'nickname',
    { name, village: villageForm(h.villageId), ...(tail ? { phoneTail: tail } : {}) },
    h.id,
    tail !== null && heads.length === 1,
    '只说了姓',
  );
}
for (let i = 0; i < 15; i++) {
  const p = rnd.pick(people.filter((x) => x.relation === '子女'));
  const same = inVillage(p.village).filter((x) => x.name === p.name && x.relation === '子女');
  add(
    'member-child',
    { name: p.name, village: villageForm(p.village), relation: rnd.pick(['儿子', '女儿', '子女']) },
    p.hh,
    households(same).size === 1,
    '子女姓名 + 关系',
  );
}
for (let i = 0; i < 15; i++) {
  const h = house.get(rnd.pick([...stripped]))!;
  const same = inVillage(h.villageId).filter((x) => x.name === h.headName);
  add(
    'no-id-household',
    { name: h.headName, village: villageForm(h.villageId) },
    h.id,
    households(same).size === 1,
    '无身份证号导入的户',
  );
}
for (let i = 0; i < 30; i++) {
  const h = rnd.pick(county.households);
  const reporter = rnd.pick(county.households.filter((x) => x.phone && x.id !== h.id && x.villageId === h.villageId));
  const flagged = i < 20;
  const same = inVillage(h.villageId).filter((x) => x.name === h.headName);
  add(
    'on-behalf',
    {
      name: h.headName,
      village: villageForm(h.villageId),
      phone: reporter.phone,
      ...(flagged ? { onBehalf: true } : {}),
    },
    h.id,
    flagged && households(same).size === 1,
    flagged ? '帮别人报，电话是报告人的' : '帮别人报，未识别出代报',
  );
}
for (let i = 0; i < 20; i++) {
  const p = rnd.pick(people);
  const typed = retype(p.name, rnd.chance(0.5));
  if (!typed || people.some((x) => x.name === typed)) continue;
  add(
    'absent',
    { name: typed, village: villageForm(p.village), ...(i % 2 ? { phoneTail: String(rnd.int(1000, 9999)) } : {}) },
    null,
    false,
    `村里没有 ${typed}（近似 ${p.name}）`,
  );
}
for (let i = 0; i < 10; i++) {
  const p = rnd.pick(people.filter((x) => x.phone));
  add('tail-only', { village: villageForm(p.village), phoneTail: p.phone!.slice(-4) }, p.hh, false, '只有电话尾号');
}

writeMatchingSet(OUT, county, cases);
