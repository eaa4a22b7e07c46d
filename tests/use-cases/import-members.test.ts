import ExcelJS from 'exceljs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { idCheckChar } from '../../src/domain/id-card.js';
import { importFileInto as importFile } from '../../src/wiring/import-file.js';
import { importTable as importTableUseCase } from '../../src/domain/use-cases/import-table.js';
import type { ImportKind } from '../../src/domain/import/import-schemas.js';
import type { Table } from '../../src/domain/import/table.js';
import { importDeps } from '../../src/store/county-import-store.js';
import { csvTemplate, xlsxTemplate } from '../../src/files/import-template.js';
import { readCsv } from '../../src/files/read-table.js';
import { IMPORT_KINDS } from '../../src/domain/import/import-schemas.js';
import { cadreStore } from '../../src/store/cadre-store.js';
import type { Db } from '../../src/store/db.js';
import { openTestDb, resetDb } from '../helpers/test-db.js';

const importTable = (db: Db, kind: ImportKind, table: Table, actor?: string) =>
  importTableUseCase(importDeps(db), { kind, table, actor });

const id = (first17: string) => first17 + idCheckChar(first17);
const HEAD = id('53069919700101001'); // odd 17th digit: 男
const WIFE = id('53069919720202002');
const HOUSEHOLDS = `户编号,乡镇,村,户主姓名,户主身份证号,户类型
A001,青山镇,石岭村,王永华,${HEAD},脱贫户
A002,青山镇,石岭村,测试甲,,脱贫户
`;

describe('members import', () => {
  let db: Db;
  beforeAll(async () => {
    db = await openTestDb();
  });
  afterAll(() => db.close());
  beforeEach(async () => {
    await resetDb(db);
    await importTable(db, 'households', readCsv(HOUSEHOLDS));
  });
  const members = async () =>
    (
      await db.query(
        'SELECT household_id, name, id_number, relation, sex, labour, health, schooling FROM members ORDER BY household_id, id',
      )
    ).rows;
  const hasLabour = (h: string) => db.transaction((tx) => cadreStore(tx).hasLabour(h));

  it('gives every imported head a member row, with labour unknown rather than assumed', async () => {
    expect(await members()).toEqual([
      {
        household_id: 'A001',
        name: '王永华',
        id_number: HEAD,
        relation: '户主',
        sex: '',
        labour: null,
        health: '',
        schooling: '',
      },
      {
        household_id: 'A002',
        name: '测试甲',
        id_number: null,
        relation: '户主',
        sex: '',
        labour: null,
        health: '',
        schooling: '',
      },
    ]);
    expect(await hasLabour('A001')).toBeNull();
  });

  it('imports members with their labour, health and schooling, and reports bad rows in Chinese', async () => {
    const csv = `户编号,姓名,身份证号,与户主关系,性别,出生日期,劳动能力,残疾情况,健康状况,在校情况,联系电话
A001,王永华,${HEAD},户主,男,1970-01-01,丧失劳动力,,大病,非在校,
A001,李芳,${WIFE},配偶,女,,弱劳动力,无,长期慢性病,非在校,
A001,王小军,,子女,男,2014/5/3,无劳动力,,健康,小学,
A002,测试甲,,户主,男,1960-01-01,普通劳动力,,健康,,
A009,赵六,,户主,男,,普通劳动力,,,,
A001,王二,${HEAD},子女,男,,普通劳动力,,,,
A001,王三,,子女,女,2010-02-30,半天劳力,,,,
A001,王四,${id('53069920000101003')},子女,女,,普通劳动力,,,,
`;
    const report = await importTable(db, 'members', readCsv(csv));
    expect(report.written).toBe(4);
    expect(report.errors).toEqual([
      { row: 6, reason: '户编号“A009”不存在，请先导入农户' },
      { row: 7, reason: `身份证号“${HEAD}”与第2行重复` },
      {
        row: 8,
        reason:
          '出生日期“2010-02-30”无法识别，请写成 1980-05-03；劳动能力“半天劳力”无法识别，可填：普通劳动力、技能劳动力、劳动力、弱劳动力、半劳动力、弱劳动力或半劳动力、丧失劳动力、无劳动力、full、partial、lost、none',
      },
      { row: 9, reason: '性别与身份证号不符' },
    ]);
    expect(await members()).toEqual([
      {
        household_id: 'A001',
        name: '王永华',
        id_number: HEAD,
        relation: '户主',
        sex: '男',
        labour: 'lost',
        health: '大病',
        schooling: '非在校',
      },
      {
        household_id: 'A001',
        name: '李芳',
        id_number: WIFE,
        relation: '配偶',
        sex: '女',
        labour: 'partial',
        health: '长期慢性病',
        schooling: '非在校',
      },
      {
        household_id: 'A001',
        name: '王小军',
        id_number: null,
        relation: '子女',
        sex: '男',
        labour: 'none',
        health: '健康',
        schooling: '小学',
      },
      // The head imported without an ID number is the same person, updated, not doubled.
      {
        household_id: 'A002',
        name: '测试甲',
        id_number: null,
        relation: '户主',
        sex: '男',
        labour: 'full',
        health: '健康',
        schooling: '',
      },
    ]);
    expect(await hasLabour('A001')).toBe(true);
    await importTable(
      db,
      'members',
      readCsv(`户编号,姓名,身份证号,与户主关系,劳动能力\nA001,李芳,${WIFE},配偶,丧失劳动力\n`),
    );
    expect(await hasLabour('A001')).toBe(false); // 丧失 and 无劳动力 both count as none
    // Re-importing households keeps what the members import said.
    await importTable(db, 'households', readCsv(HOUSEHOLDS));
    expect((await members()).find((m) => m.name === '王永华')).toMatchObject({ labour: 'lost', health: '大病' });
  });

  it('reads the 家庭成员 sheet of a households workbook; templates exist for every kind', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('农户').addRows([
      ['户编号', '乡镇', '村', '户主姓名', '户类型'],
      ['B001', '河口乡', '松林村', '张德明', '监测户'],
    ]);
    wb.addWorksheet('家庭成员').addRows([
      ['户编号', '姓名', '与户主关系', '劳动能力'],
      ['B001', '张德明', '户主', '普通劳动力'],
      ['B001', '张小花', '子女', '无劳动力'],
      ['B001', '张小草', '子女', ''],
    ]);
    const data = Buffer.from(await wb.xlsx.writeBuffer());
    const { reports } = await importFile(db, 'households', { name: 'county.xlsx', data }, 'test');
    expect(reports.map((r) => [r.kind, r.written, r.errors])).toEqual([
      ['households', 1, []],
      ['members', 2, [{ row: 4, reason: '劳动能力不能为空' }]],
    ]);
    expect((await db.query(`SELECT count(*)::int AS n FROM members WHERE household_id = 'B001'`)).rows[0]).toEqual({
      n: 2,
    });

    for (const kind of IMPORT_KINDS) {
      const csv = csvTemplate(kind);
      const back = await importTable(db, kind, readCsv(csv.replace(/^\uFEFF/, '')));
      expect(back.rows, kind).toBe(1);
      const x = new ExcelJS.Workbook();
      await x.xlsx.load((await xlsxTemplate(kind)) as unknown as ArrayBuffer);
      expect(x.worksheets.map((w) => w.name)).toEqual(
        kind === 'households' ? ['农户', '家庭成员'] : [expect.any(String)],
      );
    }
  });
});
