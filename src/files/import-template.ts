import { newWorkbook } from './excel-sheet.js';
import { COLUMNS, type ImportKind } from '../domain/import/import-schemas.js';

/** One filled-in example row per kind, so the template shows what each column takes. */
const EXAMPLE: Record<ImportKind, Record<string, string>> = {
  households: {
    household_id: 'H0000001',
    township: '青山镇',
    village: '石岭村',
    group_name: '3组',
    head_name: '王永华',
    head_id_number: '530699196603064974',
    phone: '13800001111',
    address: '石岭村3组12号',
    status: '脱贫户',
    monitoring_kind: '',
    income_per_capita: '9800',
  },
  members: {
    household_id: 'H0000001',
    name: '王小军',
    id_number: '',
    relation: '子女',
    sex: '男',
    birth_date: '2012-05-03',
    labour: '无劳动力',
    disability: '',
    health: '健康',
    schooling: '初中',
    phone: '',
  },
  cadres: { userid: 'zhangsan', name: '张三', role: '帮扶责任人', township: '青山镇', phone: '13900002222' },
  links: { kind: '帮扶人包户', target: 'H0000001', cadre_userid: 'zhangsan' },
};

/** The Chinese header of each column (the second accepted name; the first is the English one). */
const headers = (kind: ImportKind) => Object.values(COLUMNS[kind]).map((aliases) => aliases[1] ?? aliases[0]!);
const example = (kind: ImportKind) => Object.keys(COLUMNS[kind]).map((f) => EXAMPLE[kind][f] ?? '');

/** A CSV template (UTF-8 with BOM, so Excel opens it right): the header row and one example row. */
export function csvTemplate(kind: ImportKind): string {
  const quote = (v: string) => (/[",\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);
  return `\uFEFF${[headers(kind), example(kind)].map((r) => r.map(quote).join(',')).join('\r\n')}\r\n`;
}

/**
 * An XLSX template; the households workbook has a second sheet 家庭成员 for the members, which
 * `import households` reads too. Every cell is text, so ID numbers keep all 18 characters.
 */
export async function xlsxTemplate(kind: ImportKind): Promise<Buffer> {
  const wb = await newWorkbook();
  const sheet = (name: string, k: ImportKind) => {
    const ws = wb.addWorksheet(name);
    ws.addRow(headers(k));
    ws.addRow(example(k));
    ws.columns.forEach((c) => {
      c.numFmt = '@';
      c.width = 16;
    });
  };
  sheet(SHEET_NAME[kind], kind);
  if (kind === 'households') sheet(SHEET_NAME.members, 'members');
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export const SHEET_NAME: Record<ImportKind, string> = {
  households: '农户',
  members: '家庭成员',
  cadres: '干部',
  links: '帮扶关系',
};
