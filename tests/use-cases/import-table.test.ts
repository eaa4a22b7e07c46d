import ExcelJS from 'exceljs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { idCheckChar } from '../../src/domain/id-card.js';
import { importTable as importTableUseCase } from '../../src/domain/use-cases/import-table.js';
import type { ImportKind } from '../../src/domain/import/import-schemas.js';
import type { Table } from '../../src/domain/import/table.js';
import { importDeps } from '../../src/store/county-import-store.js';
import { readCsv, readTable } from '../../src/files/read-table.js';
import type { Db } from '../../src/store/db.js';
import { openTestDb, resetDb } from '../helpers/test-db.js';

const importTable = (db: Db, kind: ImportKind, table: Table, actor?: string) =>
  importTableUseCase(importDeps(db), { kind, table, actor });

const id = (first17: string) => first17 + idCheckChar(first17);
const ID_A = id('53069919800101001');
const ID_B = id('53069919850505002');

const CN_HOUSEHOLDS = `户编号,乡镇,村,村民小组,户主姓名,户主身份证号,联系电话,地址,户类型,监测类型,人均纯收入
A001,青山镇,石岭村,1组,王永华,${ID_A},13800001111,石岭村1组1号,脱贫户,,9800
A002,青山镇,石岭村,2组,李秀英,${ID_B},,石岭村2组5号,监测户,边缘易致贫户,6500
`;

describe('import', () => {
  let db: Db;
  beforeAll(async () => {
    db = await openTestDb();
  });
  afterAll(() => db.close());
  beforeEach(() => resetDb(db));

  const count = async (table: string) =>
    (await db.query<{ n: number }>(`SELECT count(*)::int n FROM ${table}`)).rows[0]!.n;

  it('imports a good CSV with Chinese headers, creating its township and village', async () => {
    const report = await importTable(db, 'households', readCsv(CN_HOUSEHOLDS));
    expect(report).toEqual({ kind: 'households', rows: 2, written: 2, errors: [] });
    const { rows } = await db.query(
      'SELECT id, village_id, status, monitoring_kind, income_per_capita FROM households ORDER BY id',
    );
    expect(rows).toEqual([
      { id: 'A001', village_id: '青山镇/石岭村', status: 'lifted', monitoring_kind: null, income_per_capita: 9800 },
      {
        id: 'A002',
        village_id: '青山镇/石岭村',
        status: 'monitored',
        monitoring_kind: 'edge',
        income_per_capita: 6500,
      },
    ]);
    expect(await count('members')).toBe(2);
  });

  it('imports a good CSV with English headers and English values', async () => {
    await importTable(db, 'households', readCsv(CN_HOUSEHOLDS));
    const csv = `userid,name,role,township,phone\nwangwei,王伟,helper,青山镇,13900002222\nliming,李明,包片领导,青山镇,\n`;
    expect((await importTable(db, 'cadres', readCsv(csv))).errors).toEqual([]);
    const links = `kind,target,cadre_userid\nhousehold,A001,wangwei\n包村,石岭村,wangwei\narea,青山镇,liming\n`;
    expect(await importTable(db, 'links', readCsv(links))).toMatchObject({ written: 3, errors: [] });
    const { rows } = await db.query('SELECT kind, target_id FROM links ORDER BY kind');
    expect(rows).toEqual([
      { kind: 'area', target_id: '青山镇' },
      { kind: 'household', target_id: 'A001' },
      { kind: 'village', target_id: '青山镇/石岭村' },
    ]);
  });

  it('reads XLSX files', async () => {
    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet('户');
    for (const line of CN_HOUSEHOLDS.trim().split('\n')) sheet.addRow(line.split(','));
    const buffer = Buffer.from(await wb.xlsx.writeBuffer());
    const report = await importTable(db, 'households', await readTable('households.xlsx', buffer));
    expect(report).toMatchObject({ rows: 2, written: 2, errors: [] });
    expect(await count('households')).toBe(2);
  });

  it('reports exactly the bad rows and stores the good ones', async () => {
    const csv =
      CN_HOUSEHOLDS +
      `A003,青山镇,石岭村,1组,张三,530699198001010010,,,脱贫户,,\n` + // row 4: bad check digit
      `A004,青山镇,石岭村,1组,赵四,,,,贫困户,,\n` + // row 5: unknown status
      `A005,青山镇,石岭村,1组,,,,,一般户,,abc\n` + // row 6: no head name, bad income
      `A006,青山镇,龙潭村,3组,周五,,,,一般户,,12000\n`;
    const report = await importTable(db, 'households', readCsv(csv));
    expect(report.written).toBe(3);
    expect(report.errors.map((e) => e.row)).toEqual([4, 5, 6]);
    expect(report.errors[0]!.reason).toContain('身份证号无效');
    expect(report.errors[1]!.reason).toContain('户类型“贫困户”无法识别');
    expect(report.errors[2]!.reason).toContain('户主姓名不能为空');
    expect(report.errors[2]!.reason).toContain('人均纯收入应为数字');
    const { rows } = await db.query<{ id: string }>('SELECT id FROM households ORDER BY id');
    expect(rows.map((r) => r.id)).toEqual(['A001', 'A002', 'A006']);
  });

  it('reports links to unknown targets and cadres per row', async () => {
    await importTable(db, 'households', readCsv(CN_HOUSEHOLDS));
    await importTable(db, 'cadres', readCsv('userid,name,role,township\nwangwei,王伟,helper,青山镇\n'));
    const report = await importTable(
      db,
      'links',
      readCsv('类型,对象,干部账号\n帮扶人包户,A001,wangwei\n帮扶人包户,Z999,wangwei\n包村,石岭村,nobody\n'),
    );
    expect(report.errors).toEqual([
      { row: 3, reason: '对象“Z999”不存在' },
      { row: 4, reason: '干部账号“nobody”不存在' },
    ]);
    expect(await count('links')).toBe(1);
  });

  it('re-importing updates rows and never duplicates them', async () => {
    await importTable(db, 'households', readCsv(CN_HOUSEHOLDS));
    const again = await importTable(db, 'households', readCsv(CN_HOUSEHOLDS.replace(',9800', ',10400')));
    expect(again).toMatchObject({ written: 2, errors: [] });
    expect(await count('households')).toBe(2);
    expect(await count('members')).toBe(2);
    expect(await count('villages')).toBe(1);
    const { rows } = await db.query(`SELECT income_per_capita FROM households WHERE id = 'A001'`);
    expect(rows[0]).toEqual({ income_per_capita: 10400 });
  });

  it('names a missing required column', async () => {
    const report = await importTable(db, 'households', readCsv('户编号,户类型\nA1,一般户\n'));
    expect(report.errors).toEqual([{ row: 1, reason: '缺少列：户主姓名' }]);
    expect(await count('households')).toBe(0);
  });
});
