import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const run = (...args: string[]) =>
  execFileSync('node', ['scripts/split-triage-corpus.mjs', ...args], { encoding: 'utf8' });
const ids = (dir: string, name: string) =>
  readFileSync(join(dir, `${name}.jsonl`), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l).id as string);

function batch(dir: string, prefix: string, n: number): string {
  const file = join(dir, `${prefix}.jsonl`);
  const lines = Array.from({ length: n }, (_, i) => {
    const id = `${prefix}-${String(i + 1).padStart(3, '0')}`;
    const dept = i % 10 === 0;
    return JSON.stringify({
      id,
      channel: dept ? 'department' : 'villager',
      text: dept ? '医保局 张某某 住院 自付 3.2万元 脱贫户' : '在吗',
      householdStatus: 'lifted',
      riskTypes: [],
      urgency: 'normal',
      isReport: false,
      note: '',
    });
  });
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

describe('split-triage-corpus', () => {
  it('holds a later batch out by the same hash: about 60/15/25, appended, and the same on a second run', () => {
    const dir = mkdtempSync(join(tmpdir(), 'split-'));
    const second = batch(dir, 'b2', 200);
    const third = batch(dir, 'b3', 400);
    const out = join(dir, 'corpus');
    run('--extra', out, second);
    const trainBefore = ids(out, 'train-extra');
    expect(trainBefore.length + ids(out, 'dev-extra').length).toBe(200);

    run('--held-out', out, third);
    const train = ids(out, 'train-extra');
    const dev = ids(out, 'dev-extra');
    const test = ids(out, 'test-extra');
    expect(train.slice(0, trainBefore.length)).toEqual(trainBefore); // the second batch stays where it was
    const shares = [train, dev, test].map((s) => s.filter((id) => id.startsWith('b3-')).length / 400);
    expect(shares[0]).toBeGreaterThan(0.5);
    expect(shares[0]).toBeLessThan(0.7);
    expect(shares[1]).toBeGreaterThan(0.09);
    expect(shares[1]).toBeLessThan(0.21);
    expect(shares[2]).toBeGreaterThan(0.18);
    expect(shares[2]).toBeLessThan(0.32);
    expect(test.every((id) => id.startsWith('b3-'))).toBe(true);

    run('--held-out', out, third, second);
    expect(ids(out, 'train-extra')).toEqual(train);
    expect(ids(out, 'dev-extra')).toEqual(dev);
    expect(ids(out, 'test-extra')).toEqual(test);
  });

  it('turns a department line written as text into a row: description, the sending department’s kind, a placeholder household', () => {
    const dir = mkdtempSync(join(tmpdir(), 'split-'));
    const out = join(dir, 'corpus');
    run('--held-out', out, batch(dir, 'b3', 40));
    const rows = ['train-extra', 'dev-extra', 'test-extra']
      .flatMap((n) =>
        readFileSync(join(out, `${n}.jsonl`), 'utf8')
          .split('\n')
          .filter(Boolean),
      )
      .map((l) => JSON.parse(l))
      .filter((r) => r.channel === 'department');
    expect(rows).toHaveLength(4);
    for (const r of rows) {
      expect(r.text).toBeUndefined();
      expect(r.alert).toEqual({
        external_id: r.id,
        kind: 'medical_cost',
        household_id: `H-${r.id}`,
        description: '医保局 张某某 住院 自付 3.2万元 脱贫户',
      });
    }
  });
});
