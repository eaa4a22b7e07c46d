import type ExcelJS from 'exceljs';
import { KIND_LABEL } from '../domain/campaign/campaign.js';
import { RESULT_COLUMNS } from '../domain/campaign/results-table.js';
import type { SheetRow } from '../domain/ports/campaigns.js';
import { addSheet, type SheetColumn, newWorkbook } from './excel-sheet.js';

const RESULT_LABEL = { none: '无风险', risk: '发现风险' } as const;
const header = (k: keyof typeof RESULT_COLUMNS) => RESULT_COLUMNS[k][0];

/**
 * A campaign's results sheet (the upload template): one row per household in the viewer's part, results
 * so far filled in; 排查结果 offers 无风险 / 发现风险 in a drop-down, 情况说明 takes what was found.
 */
export async function campaignResultsWorkbook(name: string, rows: SheetRow[], timeZone: string): Promise<Buffer> {
  const wb = await newWorkbook();
  const columns: SheetColumn[] = [
    { header: header('householdId'), key: 'householdId', width: 12 },
    { header: header('headName'), key: 'headName', width: 10 },
    { header: header('township'), key: 'townshipName', width: 10 },
    { header: header('village'), key: 'villageName', width: 10 },
    { header: header('status'), key: 'status', width: 10 },
    { header: header('cadre'), key: 'cadreName', width: 10 },
    { header: header('result'), key: 'result', width: 12 },
    { header: header('note'), key: 'note', width: 40 },
  ];
  const ws = addSheet(
    wb,
    '排查结果',
    columns,
    rows.map((r) => ({
      ...r,
      status: KIND_LABEL[r.status],
      result: r.result ? RESULT_LABEL[r.result] : '',
    })),
    timeZone,
  );
  // One validation over the column's range (exceljs has it, its types do not): per cell, a county's 30,000
  // rows take seconds longer to write.
  const ranged = ws as unknown as { dataValidations: { add(range: string, v: ExcelJS.DataValidation): void } };
  if (rows.length)
    ranged.dataValidations.add(`G2:G${rows.length + 1}`, {
      type: 'list',
      allowBlank: true,
      formulae: ['"无风险,发现风险"'],
      showErrorMessage: true,
      errorTitle: '排查结果',
      error: '请选择「无风险」或「发现风险」。',
    });
  const help = wb.addWorksheet('填写说明');
  help.getColumn(1).width = 90;
  for (const line of [
    `集中排查：${name}`,
    '每户一行。「排查结果」填写「无风险」或「发现风险」；发现风险的，在「情况说明」写明发现的情况（例：孩子辍学，房子漏雨）。',
    '还没有排查的户，「排查结果」和「情况说明」都留空，上传后仍为未排查。',
    '发现的风险按「干部排查」上报，由负责的干部签收办理；同一户同样的情况重复上传不会重复上报。',
    '请不要修改户编号；有错误的行会列出行号和原因，其余行照常写入。',
  ])
    help.addRow([line]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
