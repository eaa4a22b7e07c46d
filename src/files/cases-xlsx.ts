import ExcelJS from 'exceljs';
import { formatLocal } from '../domain/local-time.js';
import { riskLabels, stateLabel } from '../web/case-pages.js';

/** What the sheet shows of a case (the console's case list rows, src/store/console-store.ts, have these). */
export interface CaseSheetRow {
  number: string;
  state: string;
  urgency: string;
  riskTypes: string[];
  head: string | null;
  village: string | null;
  township: string | null;
  holder: string | null;
  dueAt: Date | null;
  openedAt: Date;
  signals: number;
}

/** Cases as a workbook, one row each; no ID numbers or phones. */
export async function casesWorkbook(rows: CaseSheetRow[], timeZone: string): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('案件');
  ws.columns = [
    { header: '编号', key: 'number', width: 16 },
    { header: '户主', key: 'head', width: 10 },
    { header: '村', key: 'village', width: 10 },
    { header: '乡镇编号', key: 'township', width: 8 },
    { header: '风险类型', key: 'types', width: 22 },
    { header: '绿色通道', key: 'green', width: 8 },
    { header: '状态', key: 'state', width: 12 },
    { header: '责任人', key: 'holder', width: 10 },
    { header: '时限', key: 'due', width: 14 },
    { header: '上报时间', key: 'opened', width: 14 },
    { header: '信号数', key: 'signals', width: 8 },
  ];
  ws.addRows(
    rows.map((r) => ({
      number: r.number,
      head: r.head ?? '未匹配',
      village: r.village ?? '',
      township: r.township ?? '',
      types: riskLabels(r.riskTypes),
      green: r.urgency === 'green' ? '是' : '',
      state: stateLabel(r.state),
      holder: r.holder ?? '',
      due: r.dueAt ? formatLocal(r.dueAt, timeZone) : '',
      opened: formatLocal(r.openedAt, timeZone),
      signals: r.signals,
    })),
  );
  ws.getRow(1).font = { bold: true };
  return Buffer.from(await wb.xlsx.writeBuffer());
}
