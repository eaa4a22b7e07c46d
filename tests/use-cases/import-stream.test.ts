import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { idCheckChar } from '../../src/domain/id-card.js';
import { IMPORT_BATCH } from '../../src/domain/use-cases/import-table.js';
import { pathSource } from '../../src/files/read-table.js';
import type { Db } from '../../src/store/db.js';
import { importFileInto } from '../../src/wiring/import-file.js';
import { openTestDb, resetDb } from '../helpers/test-db.js';

const id = (i: number) => {
  const first17 = `5306991980${String(1 + (i % 12)).padStart(2, '0')}${String(1 + (i % 28)).padStart(2, '0')}${String(i % 1000).padStart(3, '0')}`;
  return first17 + idCheckChar(first17);
};

/** A file longer than several batches: a duplicate, a bad row and new places far apart, read from disk. */
function rows(n: number): string[][] {
  const out = [['户编号', '乡镇', '村', '户主姓名', '户主身份证号', '户类型']];
  for (let i = 0; i < n; i++)
    out.push([`S${i}`, `镇${Math.floor(i / IMPORT_BATCH)}`, '一村', `户主${i}`, id(i), '脱贫户']);
  out[3 * IMPORT_BATCH]![0] = 'S1'; // line 3×BATCH+1 repeats the 户编号 of line 3, two batches back
  out[IMPORT_BATCH + 7]![5] = '贫困户'; // an unknown status in the second batch
  return out;
}

describe('a long roll, streamed from disk in batches', () => {
  let db: Db;
  const dir = mkdtempSync(join(tmpdir(), 'import-stream-'));
  const n = 3 * IMPORT_BATCH + 50;
  beforeAll(async () => {
    db = await openTestDb();
  });
  afterAll(() => db.close());
  beforeEach(() => resetDb(db));

  const expectRoll = async (file: string, encoding: string) => {
    const { reports, encoding: read } = await importFileInto(db, 'households', pathSource(file), 'test');
    expect(read).toBe(encoding);
    expect(reports).toEqual([
      {
        kind: 'households',
        rows: n,
        written: n - 2,
        errors: [
          { row: IMPORT_BATCH + 8, reason: expect.stringContaining('户类型') },
          { row: 3 * IMPORT_BATCH + 1, reason: '户编号“S1”与第3行重复' },
        ],
      },
    ]);
    const { rows: places } = await db.query<{ n: number; t: number }>(
      'SELECT count(*)::int n, count(DISTINCT township_id)::int t FROM villages',
    );
    expect(places[0]).toEqual({ n: 4, t: 4 }); // one 一村 per township, each made once though met in many batches
    expect((await db.query<{ n: number }>('SELECT count(*)::int n FROM households')).rows[0]!.n).toBe(n - 2);
  };

  it('reads a CSV a batch at a time: every good row written, bad ones by line, duplicates across batches caught', async () => {
    const file = join(dir, 'roll.csv');
    writeFileSync(
      file,
      `${rows(n)
        .map((r) => r.join(','))
        .join('\r\n')}\r\n`,
    );
    await expectRoll(file, 'utf-8');
  });

  it('reads an .xlsx with exceljs streaming reader the same way', async () => {
    const file = join(dir, 'roll.xlsx');
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('农户').addRows(rows(n));
    await wb.xlsx.writeFile(file);
    await expectRoll(file, 'xlsx');
  });
});
