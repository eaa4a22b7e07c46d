import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);

/** `npm run cli -- classify FILE` exactly as ../shared/TRIAGE-LABELS.md specifies it, as a subprocess. */
describe('cli classify', () => {
  const dir = mkdtempSync(join(tmpdir(), 'classify-'));
  const lines = [
    { id: 'v1', channel: 'villager', text: '孙子查出来白血兵，已经用了二十几万', householdStatus: 'lifted' },
    { id: 'v2', channel: 'villager', text: '请问残疾证怎么办', householdStatus: null },
    {
      id: 'd1',
      channel: 'department',
      alert: {
        external_id: 'YB-1',
        kind: 'medical_cost',
        household_id: 'H1',
        description: '住院自付',
        amount_yuan: 3000,
      },
      householdStatus: 'ordinary',
    },
    { id: 'd2', channel: 'department', alert: { external_id: 'MZ-1', kind: 'bogus', household_id: 'H1' } },
  ].map((l) => JSON.stringify(l));
  const file = join(dir, 'reports.jsonl');
  writeFileSync(file, [...lines.slice(0, 2), 'not json', ...lines.slice(2)].join('\n') + '\n');
  // No database, no Redis: both point at nothing that answers.
  const env = { ...process.env, DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none', REDIS_URL: 'redis://127.0.0.1:1' };

  it('writes one JSON line per input line, in order, and nothing else on stdout', async () => {
    const { stdout } = await run('npm', ['run', 'cli', '--', 'classify', file], { env });
    const out = stdout.split('\n').filter((l) => l !== '');
    expect(out).toHaveLength(5);
    const parsed = out.map((l) => JSON.parse(l));
    expect(parsed[0]).toMatchObject({
      id: 'v1',
      riskTypes: ['expense_jump', 'illness_disaster_accident'],
      urgency: 'green',
      why: expect.arrayContaining(['疾病(白血兵→白血病)']),
    });
    expect(parsed[1]).toMatchObject({ id: 'v2', riskTypes: [], urgency: 'normal' });
    expect(parsed[2]).toEqual({ id: null, error: '这一行不是有效的 JSON。' });
    expect(parsed[3]).toMatchObject({
      id: 'd1',
      riskTypes: [],
      urgency: 'normal',
      why: [expect.stringContaining('未达预警标准')],
    });
    expect(parsed[4]).toMatchObject({ id: 'd2', error: expect.stringContaining('kind') });
    for (const p of parsed)
      expect(Object.keys(p).sort()).toEqual('error' in p ? ['error', 'id'] : ['id', 'riskTypes', 'urgency', 'why']);
  }, 60_000);

  it('takes another policy with --policy, and refuses a missing one in Chinese on stderr', async () => {
    const policy = join(dir, 'strict.json');
    const doc = JSON.parse(await import('node:fs').then((fs) => fs.readFileSync('policy/default.json', 'utf8')));
    doc.thresholds.medicalSelfPaidOther = 2000; // a county that screens ordinary households at 2,000
    doc.triageFiles.lexicons = doc.triageFiles.lexicons.map((f: string) => join(process.cwd(), 'policy', f));
    doc.triageFiles.model = join(process.cwd(), 'policy', doc.triageFiles.model);
    writeFileSync(policy, JSON.stringify(doc));
    const { stdout } = await run('npm', ['run', 'cli', '--', 'classify', file, '--policy', policy], { env });
    const d1 = stdout
      .split('\n')
      .map((l) => (l ? JSON.parse(l) : null))
      .find((p) => p?.id === 'd1');
    // screened in by the stricter line; a row that names no illness is the cost alone
    expect(d1).toMatchObject({ riskTypes: ['expense_jump'] });
    const missing = await run('npm', ['run', 'cli', '--', 'classify', file, '--policy', join(dir, 'nope.json')], {
      env,
    }).catch((e: { code: number; stdout: string; stderr: string }) => e);
    expect(missing).toMatchObject({ code: 1, stdout: '' });
    expect((missing as { stderr: string }).stderr).toContain('nope.json');
  }, 60_000);
});
