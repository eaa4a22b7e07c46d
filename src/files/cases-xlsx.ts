import type { CaseListRow, Places } from '../domain/ports/console.js';
import { riskLabels, stateLabel } from '../web/case-labels.js';
import { addSheet, newWorkbook } from './excel-sheet.js';

/** Cases as a workbook, one row each, places by name; no ID numbers or phones. */
export async function casesWorkbook(found: { rows: CaseListRow[]; places: Places }, timeZone: string): Promise<Buffer> {
  const township = new Map(found.places.townships.map((t) => [t.id, t.name]));
  const wb = await newWorkbook();
  addSheet(
    wb,
    '案件',
    [
      { header: '编号', key: 'number', width: 16 },
      { header: '户主', key: 'head', width: 10 },
      { header: '户号', key: 'householdId', width: 11 },
      { header: '乡镇', key: 'township', width: 10 },
      { header: '村', key: 'village', width: 10 },
      { header: '风险类型', key: 'types', width: 24 },
      { header: '绿色通道', key: 'green', width: 9 },
      { header: '状态', key: 'state', width: 12 },
      { header: '责任人', key: 'holder', width: 10 },
      { header: '时限', key: 'dueAt', width: 17, type: 'date' },
      { header: '上报时间', key: 'openedAt', width: 17, type: 'date' },
      { header: '预警分', key: 'warningScore', width: 8, type: 'number' },
      { header: '信号数', key: 'signals', width: 8, type: 'number' },
    ],
    found.rows.map((r) => ({
      ...r,
      head: r.head ?? '未匹配',
      township: r.township ? (township.get(r.township) ?? r.township) : '',
      types: riskLabels(r.riskTypes),
      green: r.urgency === 'green' ? '是' : '否',
      state: stateLabel(r.state),
    })),
    timeZone,
  );
  return Buffer.from(await wb.xlsx.writeBuffer());
}
