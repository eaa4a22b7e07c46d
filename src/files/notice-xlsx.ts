import { newWorkbook } from './excel-sheet.js';
import type { VillageNotice } from '../domain/register/village-notice.js';

/** The village notice as a workbook to print or pass on: title, period, the table, how to object. */
export async function noticeWorkbook(n: VillageNotice): Promise<Buffer> {
  const wb = await newWorkbook();
  const ws = wb.addWorksheet('公示', {
    pageSetup: { paperSize: 9, orientation: 'portrait', fitToPage: true, fitToWidth: 1 },
  });
  ws.columns = [
    { key: 'no', width: 6 },
    { key: 'headName', width: 12 },
    { key: 'maskedId', width: 22 },
    { key: 'persons', width: 10 },
    { key: 'matter', width: 14 },
    { key: 'category', width: 22 },
    { key: 'date', width: 14 },
  ];
  ws.mergeCells('A1:G1');
  ws.getCell('A1').value = n.title;
  ws.getCell('A1').font = { bold: true, size: 16 };
  ws.getCell('A1').alignment = { horizontal: 'center' };
  ws.mergeCells('A2:G2');
  ws.getCell('A2').value =
    `${n.township} ${n.village}${n.period ? `　公示期：${n.period.from} 至 ${n.period.to}` : ''}`;
  const header = ws.getRow(3);
  header.values = ['序号', '户主姓名', '户主身份证号', '家庭人口', '事项', '类别', n.period ? '公示开始' : '日期'];
  header.font = { bold: true };
  for (const l of n.lines) ws.addRow({ ...l, persons: `${l.persons} 人` });
  if (!n.lines.length) ws.addRow({ no: '', headName: '（无）' });
  const end = ws.rowCount + 2;
  ws.mergeCells(`A${end}:G${end}`);
  ws.getCell(`A${end}`).value = n.text;
  ws.getCell(`A${end}`).alignment = { wrapText: true, vertical: 'top' };
  ws.getRow(end).height = 48;
  ws.mergeCells(`E${end + 2}:G${end + 2}`);
  ws.getCell(`E${end + 2}`).value = `${n.issuedBy}　${n.issuedOn}`;
  ws.getCell(`E${end + 2}`).alignment = { horizontal: 'right' };
  return Buffer.from(await wb.xlsx.writeBuffer());
}
