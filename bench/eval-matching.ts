/**
 * `npm run eval:matching [-- --split dev|test] [--show]`: the labelled matching set (corpus/matching/)
 * against the real matcher on an embedded Postgres. Prints, per split, the wrong-household rate (matched
 * to a household that is not the answer, or to any when the person is nobody in the county), the
 * auto-match rate of the cases with one answer, and the sent-to-ask and unmatched rates. `--show` lists
 * the cases that did not come out as labelled: use it on dev only, never to tune on test.
 */
import { readFileSync } from 'node:fs';
import type { MatchQuery } from '../src/domain/triage/decide-match.js';
import type { Household, Member, Township, Village } from '../src/domain/types.js';
import { upsertHouseholds, upsertMembers, upsertTownships, upsertVillages } from '../src/store/county-store.js';
import { matchHousehold } from '../src/store/match-store.js';
import { migrate } from '../src/store/migrate.js';
import { openPgliteDb } from '../src/store/pglite-db.js';

interface Case {
  id: string;
  kind: string;
  identity: MatchQuery;
  answer: string | null;
  oneAnswer: boolean;
  note: string;
}
const dir = new URL('../corpus/matching/', import.meta.url);
const args = process.argv.slice(2);
const only = args.includes('--split') ? args[args.indexOf('--split') + 1] : null;
const show = args.includes('--show');

type Table<T> = { columns: Array<keyof T>; rows: unknown[][] };
const rows = <T>(t: Table<T>): T[] => t.rows.map((r) => Object.fromEntries(t.columns.map((c, i) => [c, r[i]])) as T);
const county = JSON.parse(readFileSync(new URL('county.json', dir), 'utf8')) as {
  townships: Table<Township>;
  villages: Table<Village>;
  households: Table<Omit<Household, 'address'>>;
  members: Table<Member>;
};

const db = await openPgliteDb();
await migrate(db);
await db.transaction(async (tx) => {
  await upsertTownships(tx, rows(county.townships));
  await upsertVillages(tx, rows(county.villages));
  await upsertHouseholds(
    tx,
    rows(county.households).map((h) => ({ ...h, address: '' })),
  );
  await upsertMembers(tx, rows(county.members));
});

const pct = (n: number, d: number) => (d ? `${((100 * n) / d).toFixed(1)}%` : '—');
for (const split of ['dev', 'test'].filter((s) => !only || s === only)) {
  const cases = readFileSync(new URL(`${split}.jsonl`, dir), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Case);
  let wrong = 0;
  let auto = 0;
  let asked = 0;
  let unmatched = 0;
  let guessed = 0;
  const misses: string[] = [];
  for (const c of cases) {
    const m = await matchHousehold(db, c.identity, 2026);
    if (m.householdId && m.householdId !== c.answer) wrong++;
    if (m.householdId && m.householdId === c.answer && c.oneAnswer) auto++;
    if (m.householdId && !c.oneAnswer) guessed++;
    if (m.method === 'ambiguous') asked++;
    if (m.method === 'unmatched') unmatched++;
    const ok = c.oneAnswer ? m.householdId === c.answer : !m.householdId || m.householdId === c.answer;
    if (!ok || (m.householdId && (m.householdId !== c.answer || !c.oneAnswer)))
      misses.push(
        `  ${c.id} (${c.note}) ${JSON.stringify(c.identity)} → ${m.method} ${m.householdId ?? ''} [${m.candidates.map((x) => x.householdId).join(',')}] answer ${c.answer}`,
      );
  }
  const one = cases.filter((c) => c.oneAnswer).length;
  console.log(`\nmatching eval, ${split}: ${cases.length} cases, ${one} with one answer`);
  console.table({
    'wrong household': `${wrong} (${pct(wrong, cases.length)})`,
    'auto-match (of one-answer cases)': `${auto} / ${one} (${pct(auto, one)})`,
    'sent to ask (待关联)': `${asked} (${pct(asked, cases.length)})`,
    unmatched: `${unmatched} (${pct(unmatched, cases.length)})`,
    'matched without one answer (right by luck)': `${guessed}`,
  });
  if (show && misses.length) console.log(misses.join('\n'));
}
await db.close();
