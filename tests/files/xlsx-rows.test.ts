import { describe, expect, it } from 'vitest';
import { SharedStrings } from '../../src/files/shared-strings.js';
import { sheetRows, xmlText, type SheetContext } from '../../src/files/xlsx-rows.js';

const strings = new SharedStrings();
for (const s of ['户编号', '张三', 'H1']) strings.add(s);
const context: SheetContext = {
  strings,
  numFmt: (s) => (s === 2 ? 'yyyy-mm-dd' : s === 3 ? '0.00' : undefined),
  date1904: false,
};

/** The rows of a sheet whose XML arrives in pieces of `size` bytes (cut anywhere, even inside a character). */
async function rows(xml: string, size: number, sheet = context) {
  const bytes = Buffer.from(xml, 'utf8');
  const chunks = (async function* () {
    for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
  })();
  const out: [number, unknown[]][] = [];
  for await (const r of sheetRows(chunks, sheet)) out.push([r.number, r.values]);
  return out;
}

const SHEET = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><cols><col min="1" max="3" width="12"/></cols>
<sheetData><row r="1" spans="1:3"><c r="A1" t="s"><v>0</v></c><c r="B1" t="inlineStr"><is><t>姓&amp;名</t></is></c></row>
<row r='2'><c r='A2' t='s'><v>2</v></c><c r="B2" t="s"><v>1</v></c><c r="C2" s="2"><v>46096</v></c><c r="D2" s="3"><v>4.5</v></c></row>
<row r="3" spans="1:4"/><row r="5"><c r="B5" t="b"><v>1</v></c><c r="C5" t="str"><f>A1&amp;"x"</f><v>&lt;甲&gt;&#20057;</v></c><c r="D5"><f t="shared" si="0"/><v>7</v></c><c r="E5" t="e"><v>#N/A</v></c></row>
<row><c t="inlineStr"><is><r><t>王</t></r><r><t xml:space="preserve"> 五</t></r></is></c><c s="1"/><c><v>12</v></c></row>
</sheetData><rowBreaks count="1"><brk id="5" max="16383" man="1"/></rowBreaks></worksheet>`;

describe('sheetRows: a worksheet read from its XML as it streams', () => {
  it('gives each row its values by column, however the XML is cut', async () => {
    const expected = [
      [1, [undefined, '户编号', '姓&名']],
      [2, [undefined, 'H1', '张三', new Date(Date.UTC(2026, 2, 15)), 4.5]],
      [3, []],
      [5, [undefined, undefined, true, { result: '<甲>乙' }, { result: 7 }, { error: '#N/A' }]],
      [6, [undefined, '王 五', undefined, 12]], // no r attributes: the next row, the next columns
    ];
    for (const size of [1, 7, 64, 100_000]) expect(await rows(SHEET, size)).toEqual(expected);
  });

  it('reads a date in a 1904 workbook, and a date format only where the style has one', async () => {
    const xml = '<sheetData><row r="1"><c r="A1" s="2"><v>0</v></c><c r="B1" s="3"><v>0</v></c></row></sheetData>';
    expect(await rows(xml, 10, { ...context, date1904: true })).toEqual([
      [1, [undefined, new Date(Date.UTC(1904, 0, 1)), 0]],
    ]);
  });

  it('refuses a sheet cut off inside a row, rather than giving the rows before it as the whole sheet', async () => {
    const cut = SHEET.slice(0, SHEET.indexOf('<row r="5">') + 30);
    await expect(rows(cut, 64)).rejects.toThrow(/after row 3/);
  });

  it('decodes entities and character references once', () => {
    expect(xmlText('a &amp;lt; b &#x4E59;&#20057; &quot;&apos;&gt; &unknown;')).toBe('a &lt; b 乙乙 "\'> &unknown;');
  });
});
