import ExcelJS from 'exceljs';
import { formatLocalDate } from '../domain/local-time.js';
import { percent, type Bulletin, type Figures } from '../domain/schedule/bulletin.js';
import type { Policy } from '../domain/policy.js';

const FIGURE_COLUMNS = [
  { header: '户数', key: 'households', width: 8 },
  { header: '应走访联系', key: 'due', width: 11 },
  { header: '完成', key: 'done', width: 8 },
  { header: '完成率', key: 'rate', width: 8 },
  { header: '逾期未走访', key: 'overdueContacts', width: 11 },
  { header: '逾期任务', key: 'overdueTasks', width: 10 },
];
const figures = (f: Figures) => ({ ...f, rate: percent(f) });

/** The week's bulletin as a workbook: a summary, every cadre (worst first) and every village (best first). */
export async function bulletinWorkbook(b: Bulletin, timeZone: string, rules: Policy['bulletin']): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.created = b.week.end;
  const period = `${formatLocalDate(b.week.start, timeZone)}至${formatLocalDate(new Date(b.week.end.getTime() - 1), timeZone)}`;

  const summary = wb.addWorksheet('汇总');
  summary.columns = [
    { header: '项目', key: 'k', width: 40 },
    { header: '数值', key: 'v', width: 28 },
  ];
  summary.addRows([
    { k: '乡镇', v: `${b.township.name}（${b.township.id}）` },
    { k: '周期', v: period },
    { k: '干部', v: b.totals.cadres },
    { k: '脱贫户和监测户', v: b.totals.households },
    { k: '应走访联系（次）', v: b.totals.due },
    { k: '完成（次）', v: b.totals.done },
    { k: '完成率', v: percent(b.totals) },
    { k: '逾期未走访（次）', v: b.totals.overdueContacts },
    { k: '逾期任务（项）', v: b.totals.overdueTasks },
    { k: `需督促干部（完成率低于 ${Math.round(rules.behindBelowRate * 100)}% 或有逾期任务）`, v: b.behind.length },
  ]);

  const cadres = wb.addWorksheet('干部');
  cadres.columns = [
    { header: '干部', key: 'name', width: 12 },
    { header: '企业微信账号', key: 'cadre', width: 16 },
    { header: '村', key: 'villages', width: 20 },
    ...FIGURE_COLUMNS,
    { header: '需督促', key: 'behind', width: 8 },
  ];
  const behind = new Set(b.behind);
  cadres.addRows(
    b.cadres.map((c) => ({
      ...figures(c),
      name: c.name,
      cadre: c.cadre ?? '',
      villages: c.villages.join('、'),
      behind: behind.has(c) ? '是' : '',
    })),
  );

  const villages = wb.addWorksheet('村');
  villages.columns = [
    { header: '村', key: 'name', width: 12 },
    { header: '村编号', key: 'villageId', width: 10 },
    ...FIGURE_COLUMNS,
  ];
  villages.addRows(b.villages.map((v) => ({ ...figures(v), name: v.name, villageId: v.villageId })));

  for (const ws of [summary, cadres, villages]) ws.getRow(1).font = { bold: true };
  return Buffer.from(await wb.xlsx.writeBuffer());
}
