import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bulletinMarkdown } from '../../src/domain/schedule/bulletin.js';
import { weeklyBulletin } from '../../src/domain/use-cases/publish-bulletins.js';
import { bulletinWorkbook } from '../../src/files/bulletin-xlsx.js';
import { loadPolicy } from '../../src/load-policy.js';
import { bulletinStore } from '../../src/store/bulletin-store.js';
import type { Db } from '../../src/store/db.js';
import { openTestDb } from '../helpers/test-db.js';

const TZ = 'Asia/Shanghai';
const policy = loadPolicy('policy/default.json');
const local = (s: string) => new Date(`${s}+08:00`);

/**
 * The weekly bulletin's 8个一 against a hand-counted township: the week of Mon 30 Nov 2026 (a month's end
 * inside it), three owed households in two villages and one ordinary household, counted by duty.
 */
describe('8个一 in the weekly bulletin', () => {
  let db: Db;
  beforeAll(async () => {
    db = await openTestDb();
    await db.query(`INSERT INTO townships (id, name) VALUES ('T1', '城关镇')`);
    await db.query(
      `INSERT INTO villages (id, township_id, name) VALUES ('V1', 'T1', '河口村'), ('V2', 'T1', '石桥村')`,
    );
    await db.query(
      `INSERT INTO households (id, village_id, head_name, status, monitoring_kind) VALUES
        ('H1', 'V1', '张大山', 'lifted', NULL), ('H2', 'V1', '李二', 'monitored', 'edge'),
        ('H3', 'V2', '王三', 'lifted', NULL), ('H4', 'V2', '赵四', 'ordinary', NULL)`,
    );
    await db.query(`INSERT INTO cadres (userid, name, role, township_id) VALUES ('u1', '王帮扶', 'helper', 'T1')`);
    const record = (h: string, duty: string, period: string, at: string) =>
      db.query(
        `INSERT INTO pair_duty_records (household_id, duty, period, cadre_userid, at, via) VALUES ($1, $2, $3, 'u1', $4, 'text')`,
        [h, duty, period, local(at)],
      );
    const contact = (h: string, kind: string, at: string) =>
      db.query(`INSERT INTO visits (household_id, cadre_userid, kind, at) VALUES ($1, 'u1', $2, $3)`, [
        h,
        kind,
        local(at),
      ]);
    await record('H1', 'plan', '2026', '2026-01-10T09:00:00');
    await contact('H1', 'call', '2026-11-15T09:00:00');
    await contact('H1', 'visit', '2026-12-02T09:00:00');
    await record('H1', 'jobs', '2026', '2026-06-01T09:00:00');
    await contact('H2', 'visit', '2026-11-30T09:00:00');
    await record('H2', 'evaluation', '2026', '2026-12-03T09:00:00');
    await record('H2', 'jobs', '2026', '2026-12-08T09:00:00'); // after the week
    await contact('H3', 'call', '2026-10-20T09:00:00'); // October's call: nothing of this week
    await record('H3', 'tech', '2026', '2026-03-01T09:00:00');
    await record('H3', 'plan', '2025', '2025-12-20T09:00:00'); // last year's plan
    await record('H4', 'plan', '2026', '2026-01-05T09:00:00'); // an ordinary household: not counted
  });
  afterAll(() => db.close());

  const bulletin = () =>
    weeklyBulletin(
      { policy, timeZone: TZ, store: bulletinStore(db) },
      { id: 'T1', name: '城关镇' },
      local('2026-12-01T12:00:00'),
      local('2026-12-20T00:00:00'),
    );

  it('counts each duty due, done and overdue, in total and per village, as counted by hand', async () => {
    const b = await bulletin();
    const rows = (counts: NonNullable<typeof b.duties>['totals']) =>
      Object.fromEntries(counts.map((c) => [c.duty, [c.due, c.done, c.overdue]]));
    // Both months' calls: November's (H1 by a call, H2 by a visit; H3 missed) and December's (H1's visit).
    expect(rows(b.duties!.totals)).toEqual({
      plan: [3, 1, 2],
      call: [6, 3, 1],
      visit: [3, 2, 0],
      evaluation: [3, 1, 0],
      problem: [3, 0, 0],
      jobs: [3, 1, 0],
      tech: [3, 1, 0],
      purchase: [3, 0, 0],
    });
    expect(b.duties!.villages.map((v) => [v.name, rows(v.counts)])).toEqual([
      [
        '河口村',
        {
          plan: [2, 1, 1],
          call: [4, 3, 0],
          visit: [2, 2, 0],
          evaluation: [2, 1, 0],
          problem: [2, 0, 0],
          jobs: [2, 1, 0],
          tech: [2, 0, 0],
          purchase: [2, 0, 0],
        },
      ],
      [
        '石桥村',
        {
          plan: [1, 0, 1],
          call: [2, 0, 1],
          visit: [1, 0, 0],
          evaluation: [1, 0, 0],
          problem: [1, 0, 0],
          jobs: [1, 0, 0],
          tech: [1, 1, 0],
          purchase: [1, 0, 0],
        },
      ],
    ]);
  });

  it('says them in the markdown and the workbook', async () => {
    const b = await bulletin();
    const text = bulletinMarkdown(b, TZ, policy.bulletin);
    expect(text).toContain(
      [
        '**帮扶责任人「8个一」**（应完成 / 已完成 / 逾期，户次）：',
        '制定一户一策帮扶计划：3 / 1 / 2',
        '电话联系：6 / 3 / 1',
        '入户走访：3 / 2 / 0',
        '年终评价：3 / 1 / 0',
        '解决一件实事：3 / 0 / 0',
        '提供就业信息：3 / 1 / 0',
        '开展技术指导：3 / 1 / 0',
        '消费帮扶：3 / 0 / 0',
        '逾期最多的村：石桥村 2 项、河口村 1 项',
      ].join('\n'),
    );
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await bulletinWorkbook(b, TZ, policy.bulletin)) as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet('8个一')!;
    const values = sheet.getSheetValues().slice(2) as unknown[][];
    expect(values).toHaveLength(24);
    expect(values[1]!.slice(1)).toEqual(['合计', '电话联系', 6, 3, 1]);
    expect(values[16]!.slice(1)).toEqual(['石桥村', '制定一户一策帮扶计划', 1, 0, 1]);
    expect(values[17]!.slice(1)).toEqual(['石桥村', '电话联系', 2, 0, 1]);
  });
});
