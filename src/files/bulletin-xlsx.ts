import { localDateString } from '../domain/local-time.js';
import { rate, type Bulletin, type Figures } from '../domain/schedule/bulletin.js';
import type { Policy } from '../domain/policy.js';
import { addSheet, type SheetColumn, newWorkbook } from './excel-sheet.js';
import { DUTY_LABEL } from '../domain/pair-duty/pair-duty-policy.js';

const FIGURE_COLUMNS: SheetColumn[] = [
  { header: '户数', key: 'households', width: 8, type: 'number' },
  { header: '应走访联系', key: 'due', width: 12, type: 'number' },
  { header: '完成', key: 'done', width: 8, type: 'number' },
  { header: '完成率', key: 'rate', width: 9, type: 'number', numFmt: '0%' },
  { header: '逾期未走访', key: 'overdueContacts', width: 12, type: 'number' },
  { header: '逾期任务', key: 'overdueTasks', width: 10, type: 'number' },
];
/** The rate as a number Excel shows as a percentage; nothing due is no rate (an empty cell), never 100%. */
const share = (f: Figures) => (f.due ? Math.floor(rate(f) * 100) / 100 : null);
const figures = (f: Figures) => ({ ...f, rate: share(f) });

/** The week's bulletin as a workbook: a summary, every cadre (worst first) and every village (best first). */
export async function bulletinWorkbook(b: Bulletin, timeZone: string, rules: Policy['bulletin']): Promise<Buffer> {
  const wb = await newWorkbook();
  wb.created = b.week.end;
  const period = `${localDateString(b.week.start, timeZone)}至${localDateString(new Date(b.week.end.getTime() - 1), timeZone)}`;
  const summary = addSheet(
    wb,
    '汇总',
    [
      { header: '项目', key: 'k', width: 44 },
      { header: '数值', key: 'v', width: 28 },
    ],
    [
      { k: '乡镇', v: `${b.township.name}（${b.township.id}）` },
      { k: '周期', v: period },
      { k: '干部', v: b.totals.cadres },
      { k: '脱贫户和监测户', v: b.totals.households },
      { k: '应走访联系（次）', v: b.totals.due },
      { k: '完成（次）', v: b.totals.done },
      { k: '完成率', v: share(b.totals) ?? '—' },
      { k: '逾期未走访（次）', v: b.totals.overdueContacts },
      { k: '逾期任务（项）', v: b.totals.overdueTasks },
      { k: `需督促干部（完成率低于 ${Math.round(rules.behindBelowRate * 100)}% 或有逾期任务）`, v: b.behind.length },
    ],
    timeZone,
  );
  summary.getCell('B8').numFmt = '0%';
  const behind = new Set(b.behind);
  addSheet(
    wb,
    '干部',
    [
      { header: '干部', key: 'name', width: 12 },
      { header: '企业微信账号', key: 'cadre', width: 16 },
      { header: '村', key: 'villages', width: 24 },
      ...FIGURE_COLUMNS,
      { header: '需督促', key: 'behind', width: 9 },
    ],
    b.cadres.map((c) => ({
      ...figures(c),
      name: c.name,
      cadre: c.cadre ?? '',
      villages: c.villages.join('、'),
      behind: behind.has(c) ? '是' : '',
    })),
    timeZone,
  );
  addSheet(
    wb,
    '村',
    [{ header: '村', key: 'name', width: 14 }, ...FIGURE_COLUMNS],
    b.villages.map((v) => ({ ...figures(v), name: v.name })),
    timeZone,
  );
  if (b.duties)
    addSheet(
      wb,
      '8个一',
      [
        { header: '村', key: 'name', width: 14 },
        { header: '事项', key: 'duty', width: 22 },
        { header: '应完成（户次）', key: 'due', width: 14, type: 'number' },
        { header: '已完成', key: 'done', width: 10, type: 'number' },
        { header: '逾期', key: 'overdue', width: 10, type: 'number' },
      ],
      [{ name: '合计', counts: b.duties.totals }, ...b.duties.villages].flatMap((v) =>
        v.counts.map((c) => ({ name: v.name, duty: DUTY_LABEL[c.duty], due: c.due, done: c.done, overdue: c.overdue })),
      ),
      timeZone,
    );
  return Buffer.from(await wb.xlsx.writeBuffer());
}
