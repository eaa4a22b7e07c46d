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
    // What the register import loads: places, heads and their numbers, type, category, income; not the
    // case history (risks, dates, measures), nor the county's name.
    const loaded = [
      '乡(镇)',
      '行政村',
      '村民小组',
      '户编号',
      '户主姓名',
      '户主证件号码',
      '户联系电话',
      '住址',
      '户类型',
      '监测对象类别',
      '人均纯收入（元）',
    ];
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
  });
});
