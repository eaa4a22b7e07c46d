import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nationalWorkbook } from '../../src/files/national-xlsx.js';
import type { Db } from '../../src/store/db.js';
import { nationalExportStore } from '../../src/store/national-export-store.js';
import { seedDemo } from '../../src/store/seed-demo.js';
import { seedDemoHistory } from '../../src/store/seed-demo-history.js';
import { importFileInto } from '../../src/wiring/import-file.js';
import { openTestDb } from '../helpers/test-db.js';

const TZ = 'Asia/Shanghai';
const NOW = new Date('2026-11-20T04:00:00Z');
const OPTS = { households: 240, seed: 17 };

const load = async (data: Buffer) => {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(data as unknown as ArrayBuffer);
  return wb;
};
/** A sheet as header → values rows. */
const rowsOf = (ws: ExcelJS.Worksheet) => {
  const headers = (ws.getRow(1).values as unknown[]).slice(1).map(String);
  const rows: Array<Record<string, unknown>> = [];
  ws.eachRow((row, n) => {
    if (n === 1) return;
    const v = (row.values as unknown[]).slice(1);
    rows.push(Object.fromEntries(headers.map((h, i) => [h, v[i] ?? null])));
  });
  return { headers, rows };
};

/** 上报导出 in the national system's layout: typed cells, and an import of it loads the register back. */
describe('upward export and import (national layout)', () => {
  let a: Db;
  let b: Db;
  let exported: Buffer;
  let full: Buffer;

  beforeAll(async () => {
    [a, b] = await Promise.all([openTestDb(), openTestDb()]);
    await seedDemo(a, OPTS);
    await seedDemoHistory(a, NOW, OPTS);
    const register = await nationalExportStore(a).nationalRegister();
    exported = await nationalWorkbook(register, TZ);
    full = await nationalWorkbook(register, TZ, { fullNumbers: true });
  }, 120_000);
  afterAll(async () => {
    await a?.close();
    await b?.close();
  });

  it('lays out 户信息 and 家庭成员 with the national headers and typed cells', async () => {
    const wb = await load(exported);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['户信息', '家庭成员']);
    const { headers, rows } = rowsOf(wb.getWorksheet('户信息')!);
    for (const h of [
      '户编号',
      '户主姓名',
      '户类型',
      '监测对象类别',
      '识别监测时间',
      '致贫/返贫风险1',
      '致贫/返贫风险5',
      '人均纯收入（元）',
      '风险是否已消除',
      '消除监测时间',
      '健康帮扶',
      '综合保障',
    ])
      expect(headers, h).toContain(h);
    const expected = await a.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM households WHERE status IN ('lifted', 'monitored')",
    );
    expect(rows).toHaveLength(expected.rows[0]!.n);
    expect(rows.every((r) => r['人均纯收入（元）'] === null || typeof r['人均纯收入（元）'] === 'number')).toBe(true);
    expect(rows.some((r) => typeof r['人均纯收入（元）'] === 'number')).toBe(true);
    const identified = rows.filter((r) => r['识别监测时间']);
    expect(identified.length).toBeGreaterThan(0);
    expect(identified.every((r) => /^20\d{4}$/.test(String(r['识别监测时间'])) && r['致贫/返贫风险1'])).toBe(true);
    expect(rows.some((r) => r['风险是否已消除'] === '是' && /^20\d{4}$/.test(String(r['消除监测时间'])))).toBe(true);
    expect(rows.some((r) => ['健康帮扶', '住房安全保障', '综合保障', '其他教育帮扶'].some((h) => r[h]))).toBe(true);
    expect(new Set(rows.map((r) => r['户类型']))).toEqual(new Set(['脱贫户', '监测户']));
    // ID and phone numbers leave masked.
    expect(rows.every((r) => !r['户主证件号码'] || /^\d{4}\*+\w{4}$/.test(String(r['户主证件号码'])))).toBe(true);
    const members = rowsOf(wb.getWorksheet('家庭成员')!);
    expect(members.rows.length).toBeGreaterThan(rows.length);
    expect(members.rows.every((m) => /^\d{8}$|^$/.test(String(m['出生日期'] ?? '')))).toBe(true);
  });

  it('imports the workbook into an empty county and exports it again the same', async () => {
    const out = await importFileInto(b, 'households', { name: '监测对象信息.xlsx', data: full }, 'test');
    for (const r of out.reports) expect(r.errors, r.kind).toEqual([]);
    const register = await nationalExportStore(b).nationalRegister();
    const again = rowsOf(
      (await load(await nationalWorkbook(register, TZ, { fullNumbers: true }))).getWorksheet('户信息')!,
    );
    const first = rowsOf((await load(full)).getWorksheet('户信息')!);
    // What the register import loads: every column but the county's name (places are named, not coded).
    const loaded = first.headers.filter((h) => h !== '县(市、区、旗)');
    for (const h of ['识别监测时间', '致贫/返贫风险1', '风险是否已消除', '风险消除方式', '消除监测时间', '健康帮扶'])
      expect(loaded).toContain(h);
    const pick = (r: Record<string, unknown>) => Object.fromEntries(loaded.map((h) => [h, r[h]]));
    // Rows come in area-code order: the imported places are named, not coded, so compare by 户编号.
    const byId = (rows: Array<Record<string, unknown>>) =>
      rows.map(pick).sort((x, y) => String(x['户编号']).localeCompare(String(y['户编号'])));
    expect(byId(again.rows)).toEqual(byId(first.rows));
    const members = async (db: Db) =>
      (
        await db.query<{ n: number }>(
          "SELECT count(*)::int AS n FROM members m JOIN households h ON h.id = m.household_id WHERE h.status <> 'ordinary'",
        )
      ).rows[0]!.n;
    expect(await members(b)).toBe(await members(a));
    const memberSheet = async (data: Buffer) => rowsOf((await load(data)).getWorksheet('家庭成员')!).rows;
    expect(await memberSheet(await nationalWorkbook(register, TZ, { fullNumbers: true }))).toEqual(
      await memberSheet(full),
    );
    const m = await b.query<{ labour: string | null; relation: string }>(
      "SELECT labour, relation FROM members WHERE relation <> '户主' LIMIT 5",
    );
    expect(m.rows.every((x) => x.labour !== null)).toBe(true);
    // The case history is on record as the importer's, and importing the same workbook again adds nothing.
    const counts = async () =>
      (
        await b.query<{ cases: number; audit: number; measures: number; procedures: number }>(
          `SELECT (SELECT count(*)::int FROM cases) AS cases, (SELECT count(*)::int FROM measures) AS measures,
                  (SELECT count(*)::int FROM procedures) AS procedures,
                  (SELECT count(*)::int FROM audit_log WHERE action IN ('include', 'remove_risk')) AS audit`,
        )
      ).rows[0]!;
    const before = await counts();
    expect(before.cases).toBeGreaterThan(0);
    expect(before.measures).toBeGreaterThan(0);
    const actors = await b.query<{ actor: string }>(
      "SELECT DISTINCT actor FROM audit_log WHERE action IN ('include', 'remove_risk')",
    );
    expect(actors.rows).toEqual([{ actor: 'test' }]);
    const twice = await importFileInto(b, 'households', { name: '监测对象信息.xlsx', data: full }, 'test');
    for (const r of twice.reports) expect(r.errors, r.kind).toEqual([]);
    expect(await counts()).toEqual(before);
  });

  it('reports bad history cells by row in Chinese and still imports the good rows', async () => {
    const wb = await load(full);
    const ws = wb.getWorksheet('户信息')!;
    wb.removeWorksheet(wb.getWorksheet('家庭成员')!.id);
    const col = (h: string) => (ws.getRow(1).values as unknown[]).indexOf(h);
    const ids = ['户编号', '户主证件号码', '户联系电话'].map(col);
    ws.eachRow((row, n) => {
      if (n === 1) return;
      // Fresh households (new IDs, no numbers): the import must write their records.
      row.getCell(ids[0]!).value = `X${row.getCell(ids[0]!).text}`;
      row.getCell(ids[1]!).value = '';
      row.getCell(ids[2]!).value = '';
    });
    ws.getRow(2).getCell(col('致贫/返贫风险1')).value = '因外星人';
    ws.getRow(3).getCell(col('识别监测时间')).value = '2026年13月';
    ws.getRow(4).getCell(col('健康帮扶')).value = '神药';
    const data = Buffer.from(await wb.xlsx.writeBuffer());
    const [report] = (await importFileInto(b, 'households', { name: '坏.xlsx', data }, 'test')).reports;
    expect(report!.errors.map((e) => e.row)).toEqual([2, 3, 4]);
    expect(report!.errors[0]!.reason).toContain('致贫/返贫风险1“因外星人”无法识别');
    expect(report!.errors[1]!.reason).toContain('识别监测时间“2026年13月”无法识别');
    expect(report!.errors[2]!.reason).toContain('健康帮扶“神药”无法识别');
    expect(report!.written).toBe(report!.rows - 3);
    const imported = await b.query<{ n: number }>("SELECT count(*)::int AS n FROM cases WHERE household_id LIKE 'X%'");
    expect(imported.rows[0]!.n).toBeGreaterThan(0);
  });
});
