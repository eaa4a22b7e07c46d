import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importTable as importTableUseCase } from '../../src/domain/use-cases/import-table.js';
import type { ImportKind } from '../../src/domain/import/import-schemas.js';
import type { Table } from '../../src/domain/import/table.js';
import { importDeps } from '../../src/store/county-import-store.js';
import type { Db } from '../../src/store/db.js';
import { readCsv } from '../../src/files/read-table.js';
import { createDeptKey } from '../../src/store/dept-key-store.js';
import { startTestService } from '../helpers/test-service.js';

const importTable = (db: Db, kind: ImportKind, table: Table, actor?: string) =>
  importTableUseCase(importDeps(db), { kind, table, actor });

/** Rare characters, emoji and SQL-looking text, all of which must come back exactly as they went in. */
const ODD = [
  '𠀀𪚥𫝀',
  '王😀芳',
  "'); DROP TABLE cases; --",
  '"quoted", comma\nnew line',
  '\u200b零宽\u3000全角空格',
  'ｗｉｄｅ　ｔｅｘｔ',
];

/**
 * A corpus of hostile and odd input against the running service: each gets a clear error and changes
 * nothing, or is stored faithfully; the process keeps answering afterwards.
 */
describe('bad-input corpus', () => {
  let svc: Awaited<ReturnType<typeof startTestService>>;
  let key = '';
  const count = async (sql: string) => (await svc.db.query<{ n: number }>(sql)).rows[0]!.n;
  const alerts = (body: string, type = 'application/json') =>
    fetch(`${svc.base}/api/v1/alerts`, {
      method: 'POST',
      headers: { 'content-type': type, authorization: `Bearer ${key}` },
      body,
    });

  beforeAll(async () => {
    svc = await startTestService({ SEED_DEMO: 'auto' });
    key = await createDeptKey(svc.db, '民政局');
  });
  afterAll(() => svc.stop());

  it.each([
    [
      'an entity bomb inside the encrypted message',
      `<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;">]><xml><ToUserName>&b;</ToUserName></xml>`,
    ],
    [
      'an external entity inside the encrypted message',
      `<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><xml><Content>&e;</Content></xml>`,
    ],
    ['truncated XML inside the encrypted message', '<xml><ToUserName>ww</ToUserName><MsgType>te'],
    ['no XML at all inside the encrypted message', 'just words 只是文字'],
  ])('refuses %s and stores nothing', async (_, plain) => {
    const before = await count('SELECT count(*)::int n FROM inbox');
    const { body, query } = svc.fake!.sender!.seal(plain);
    expect((await svc.fake!.sender!.postSealed(body, query)).status).toBe(400);
    expect(await count('SELECT count(*)::int n FROM inbox')).toBe(before);
  });

  it.each([
    ['truncated JSON', '{"alerts":[{"external_id":"t1","kind":"dropout"', 'application/json', 400, 'bad_json'],
    [
      'a CSV with an unclosed quote',
      'external_id,kind,household_id,description\nq1,dropout,H0000001,"never closed\n',
      'text/csv',
      400,
      'bad_csv',
    ],
    [
      '100,001 CSV rows',
      `external_id,kind,household_id\n${Array.from({ length: 100_001 }, (_, i) => `r${i},dropout,H0000001`).join('\n')}`,
      'text/csv',
      413,
      'too_many_rows',
    ],
    ['alerts that are not a list', '{"alerts":{"external_id":"x"}}', 'application/json', 400, undefined],
  ])('refuses %s with a clear error and stores nothing', async (_, body, type, status, code) => {
    const before = await count('SELECT count(*)::int n FROM inbox');
    const res = await alerts(body, type);
    expect(res.status).toBe(status);
    const json = (await res.json()) as { error: string; message: string };
    if (code) expect(json.error).toBe(code);
    expect(json.message).toMatch(/[\u4e00-\u9fff]/); // said in Chinese
    expect(await count('SELECT count(*)::int n FROM inbox')).toBe(before);
  });

  it('stores odd text from a department exactly as sent', async () => {
    const rows = ODD.map((text, i) => ({
      external_id: `odd-${i}`,
      kind: 'other',
      household_id: 'H0000001',
      description: text,
    }));
    const res = await alerts(JSON.stringify({ alerts: rows }));
    expect(await res.json()).toMatchObject({ accepted: ODD.length, errors: [] });
    const { rows: stored } = await svc.db.query<{ text: string }>(
      `SELECT payload->>'text' AS text FROM inbox WHERE source = 'dept:民政局' ORDER BY source_msg_id`,
    );
    expect(stored.map((r) => r.text)).toEqual(
      [...ODD]
        .map((t, i) => [`odd-${i}`, t] as const)
        .sort()
        .map(([, t]) => t),
    );
    // Triaged like any other report, and every table is still there.
    for (
      let i = 0;
      i < 100 &&
      (await count(`SELECT count(*)::int n FROM inbox WHERE source = 'dept:民政局' AND handled_at IS NULL`)) > 0;
      i++
    )
      await new Promise((r) => setTimeout(r, 50));
    expect(await count(`SELECT count(*)::int n FROM inbox WHERE source = 'dept:民政局' AND case_id IS NOT NULL`)).toBe(
      ODD.length,
    );
  });

  it('stores odd names and addresses from an import exactly as given', async () => {
    const csv = [
      '户编号,乡镇,村,户主姓名,户类型,地址',
      ...ODD.slice(0, 3).map(
        (name, i) => `Z00${i},青山镇,石岭村,"${name.replace(/"/g, '""')}",一般户,"${ODD[3]!.replace(/"/g, '""')}"`,
      ),
    ].join('\n');
    const report = await importTable(svc.db, 'households', readCsv(csv));
    expect(report).toMatchObject({ written: 3, errors: [] });
    const { rows } = await svc.db.query<{ head_name: string; address: string }>(
      `SELECT head_name, address FROM households WHERE id LIKE 'Z00%' ORDER BY id`,
    );
    expect(rows).toEqual(ODD.slice(0, 3).map((name) => ({ head_name: name, address: ODD[3] })));
  });

  it("keeps a villager's odd message exactly, and still answers afterwards", async () => {
    const text = `${ODD[0]}${ODD[1]} 家里出事了 ${ODD[2]}`;
    await svc.fake!.sender!.villagerSays('wm-odd', 'wk-demo', text);
    for (let i = 0; i < 100 && (await count(`SELECT count(*)::int n FROM inbox WHERE source = 'kf'`)) === 0; i++)
      await new Promise((r) => setTimeout(r, 50));
    const { rows } = await svc.db.query<{ content: string }>(
      `SELECT payload->'text'->>'content' AS content FROM inbox WHERE source = 'kf'`,
    );
    expect(rows).toEqual([{ content: text }]);
    expect((await fetch(`${svc.base}/healthz`)).status).toBe(200);
  });
});
