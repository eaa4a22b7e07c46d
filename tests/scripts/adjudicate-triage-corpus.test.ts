import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const run = (...args: string[]) =>
  execFileSync('node', ['scripts/adjudicate-triage-corpus.mjs', ...args], { encoding: 'utf8', stdio: 'pipe' });
const lines = (path: string) =>
  readFileSync(path, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l));
const report = (id: string, riskTypes: string[], urgency = 'normal') => ({
  id,
  channel: 'villager',
  text: '我家房子后面的坡垮了一点',
  householdStatus: 'lifted',
  riskTypes,
  urgency,
  isReport: riskTypes.length > 0,
  note: 'the author’s reason',
});

function corpus() {
  const dir = mkdtempSync(join(tmpdir(), 'adjudicate-'));
  writeFileSync(join(dir, 'train.jsonl'), `${JSON.stringify(report('a-1', ['housing'], 'green'))}\n`);
  writeFileSync(join(dir, 'dev.jsonl'), `${JSON.stringify(report('a-2', ['housing']))}\n`);
  writeFileSync(join(dir, 'train-extra.jsonl'), '');
  writeFileSync(join(dir, 'dev-extra.jsonl'), '');
  writeFileSync(join(dir, 'test.jsonl'), `${JSON.stringify(report('a-3', ['housing'], 'green'))}\n`);
  return dir;
}
const verdicts = (dir: string, name: string, vs: object[]) => {
  const file = join(dir, name);
  writeFileSync(file, `${vs.map((v) => JSON.stringify(v)).join('\n')}\n`);
  return file;
};

describe('adjudicate-triage-corpus', () => {
  it('takes a differing verdict, keeps the author’s label beside it, never touches a held-out file, and undoes', () => {
    const dir = corpus();
    const testBefore = readFileSync(join(dir, 'test.jsonl'), 'utf8');
    const file = verdicts(dir, 'v.jsonl', [
      { id: 'a-1', riskTypes: [], urgency: 'normal', isReport: false, reason: 'slope, not the dwelling' },
      { id: 'a-2', riskTypes: ['housing'], urgency: 'normal', isReport: true, reason: 'agrees' },
      { id: 'a-3', riskTypes: [], urgency: 'normal', isReport: false, reason: 'held out' },
    ]);
    expect(run(dir, file)).toContain('1 lines changed');
    const [a1] = lines(join(dir, 'train.jsonl'));
    expect(a1).toMatchObject({
      riskTypes: [],
      urgency: 'normal',
      isReport: false,
      note: 'adjudicated: slope, not the dwelling',
    });
    expect(a1.author).toMatchObject({ riskTypes: ['housing'], urgency: 'green', note: 'the author’s reason' });
    expect(lines(join(dir, 'dev.jsonl'))[0]).toEqual(report('a-2', ['housing'])); // agreed: as written
    expect(readFileSync(join(dir, 'test.jsonl'), 'utf8')).toBe(testBefore);

    expect(run(dir, file)).toContain('0 lines changed'); // the same verdicts again change nothing

    const back = verdicts(dir, 'back.jsonl', [
      { id: 'a-1', riskTypes: ['housing'], urgency: 'green', isReport: true, reason: 'collapse after all' },
    ]);
    run(dir, back);
    expect(lines(join(dir, 'train.jsonl'))[0]).toEqual(report('a-1', ['housing'], 'green'));
  });

  it('refuses a verdict that is not a label, and writes nothing', () => {
    const dir = corpus();
    const before = readFileSync(join(dir, 'train.jsonl'), 'utf8');
    const bad = verdicts(dir, 'bad.jsonl', [
      { id: 'a-1', riskTypes: [], urgency: 'normal', isReport: false, reason: 'fine' },
      { id: 'a-2', riskTypes: ['housing'], urgency: 'normal', isReport: false, reason: 'a non-report with a type' },
    ]);
    expect(() => run(dir, bad)).toThrow(/a non-report with a type/);
    expect(readFileSync(join(dir, 'train.jsonl'), 'utf8')).toBe(before);
  });
});
