import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import type { generateDemoCounty } from '../../src/demo/demo-county.js';
import type { MatchQuery } from '../../src/domain/triage/decide-match.js';

export interface Case {
  id: string;
  kind: string;
  /** What the row or message gave. */
  identity: MatchQuery;
  /** The household it is really about (null: nobody in the county). */
  answer: string | null;
  /** The details given point to exactly one household: an automatic match is expected. */
  oneAnswer: boolean;
  note: string;
}

/** Writes the county and the cases, split into dev and test by a hash of each case's id. */
export function writeMatchingSet(OUT: URL, county: ReturnType<typeof generateDemoCounty>, cases: Case[]): void {
  const split = (id: string) => (createHash('sha1').update(id).digest()[0]! % 2 === 0 ? 'dev' : 'test');
  mkdirSync(OUT, { recursive: true });
  // Tables as a header and rows: a third of the size of objects.
  const table = <T extends object>(rows: T[]) => {
    const columns = Object.keys(rows[0]!) as Array<keyof T>;
    return { columns, rows: rows.map((r) => columns.map((c) => r[c])) };
  };
  const { townships, villages, households: hs, members } = county;
  writeFileSync(
    new URL('county.json', OUT),
    `${JSON.stringify({ townships: table(townships), villages: table(villages), households: table(hs.map(({ address: _, ...h }) => h)), members: table(members) })}\n`,
  );
  for (const s of ['dev', 'test'])
    writeFileSync(
      new URL(`${s}.jsonl`, OUT),
      cases
        .filter((c) => split(c.id) === s)
        .map((c) => JSON.stringify(c))
        .join('\n') + '\n',
    );
  console.log(`${cases.length} cases, ${cases.filter((c) => c.oneAnswer).length} with one answer`);
}
