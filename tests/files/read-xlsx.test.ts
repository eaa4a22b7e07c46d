import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { SharedStrings } from '../../src/files/shared-strings.js';
import { bytesSource, importSheets, pathSource } from '../../src/files/read-table.js';
import type { FileSource } from '../../src/domain/import/table.js';

/** Every sheet an import reads from `file`, as [role, headers, rows' cells]. */
async function sheets(file: FileSource) {
  const out: [string, string[], string[][]][] = [];
  for await (const { role, table } of importSheets(file)) {
    const rows: string[][] = [];
    for await (const r of table.rows) rows.push(r.cells);
    out.push([role, table.headers, rows]);
  }
  return out;
}

describe('reading an .xlsx with its shared strings packed', () => {
  it('keeps each string whole, in order, past the buffers it grows out of', () => {
    const strings = new SharedStrings();
    const texts = Array.from({ length: 20_000 }, (_, i) => (i % 3 ? `户主${i}` : `5306991980010${i}`));
    texts.push('', '王 二', 'ё😀');
    for (const t of texts) strings.add(t);
    expect(strings.size).toBe(texts.length);
    expect(texts.every((t, i) => strings.get(i) === t)).toBe(true);
    expect(strings.get(texts.length)).toBeUndefined();
    expect(strings.get(-1)).toBeUndefined();
  });

  it('reads shared strings, rich text, formulas and dates as the text an import sees', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('农户');
    ws.addRow(['户编号', '户主姓名', '纳入时间', '人数', '备注']);
    ws.addRow([
      'H1',
      { richText: [{ text: '张' }, { font: { bold: true }, text: '三 ' }] },
      new Date(Date.UTC(2026, 2, 15)),
      4,
    ]);
    ws.addRow(['H2', '李四', '2026-03', { formula: '2+3', result: 5 }, { formula: '"甲"&"乙"', result: '甲乙' }]);
    ws.addRow([]);
    ws.addRow(['H1', '张三']); // the same strings again: one shared entry each
    wb.addWorksheet('家庭成员').addRow(['户编号', '姓名']);
    wb.getWorksheet('家庭成员')!.addRow(['H2', '李小四']);
    const data = Buffer.from(await wb.xlsx.writeBuffer({ useSharedStrings: true } as ExcelJS.XlsxWriteOptions));
    expect(await sheets(bytesSource('roll.xlsx', data))).toEqual([
      [
        'first',
        ['户编号', '户主姓名', '纳入时间', '人数', '备注'],
        [
          ['H1', '张三', '2026-03-15', '4'],
          ['H2', '李四', '2026-03', '5', '甲乙'],
          ['H1', '张三'],
        ],
      ],
      ['members', ['户编号', '姓名'], [['H2', '李小四']]],
    ]);
  });

  it('reads a streamed workbook whose shared strings come after its sheet in the zip', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'read-xlsx-')), 'roll.xlsx');
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: true });
    const ws = wb.addWorksheet('农户');
    ws.addRow(['户编号', '户主姓名']).commit();
    for (let i = 0; i < 3000; i++) ws.addRow([`M${i}`, `户主${i % 1000}`]).commit();
    await wb.commit();
    const [[role, headers, rows]] = (await sheets(pathSource(file))) as [[string, string[], string[][]]];
    expect([role, headers, rows.length]).toEqual(['first', ['户编号', '户主姓名'], 3000]);
    expect(rows[2999]).toEqual(['M2999', '户主999']);
  });
});
