import { describe, expect, it } from 'vitest';
import { localWeek, previousLocalWeek } from '../../src/domain/local-time.js';
import { WECOM_MESSAGE_BYTES } from '../../src/domain/message-size.js';
import { bulletinMarkdown, summarizeBulletin, type BulletinRow } from '../../src/domain/schedule/bulletin.js';

const rules = { behindBelowRate: 0.8, villagesShown: 3 };
const week = { start: new Date('2026-11-22T16:00:00Z'), end: new Date('2026-11-29T16:00:00Z') };
const row = (
  cadre: string,
  village: string,
  due: number,
  done: number,
  more: Partial<BulletinRow> = {},
): BulletinRow => ({
  cadre,
  cadreName: `干部${cadre}`,
  villageId: village,
  villageName: `${village}村`,
  households: 1,
  due,
  done,
  overdueContacts: due - done,
  overdueTasks: 0,
  ...more,
});

describe('local weeks', () => {
  it("runs Monday to Monday in the county's zone; a Monday-morning run reports the week before", () => {
    expect(localWeek(new Date('2026-11-29T15:59:00Z'), 'Asia/Shanghai')).toEqual(week); // Sunday 23:59 local
    expect(previousLocalWeek(new Date('2026-11-30T00:00:00Z'), 'Asia/Shanghai')).toEqual(week); // Monday 08:00 local
  });

  it('keeps local midnight across a daylight-saving change', () => {
    const w = localWeek(new Date('2026-11-01T12:00:00Z'), 'America/New_York'); // clocks go back that Sunday
    expect(w).toEqual({ start: new Date('2026-10-26T04:00:00Z'), end: new Date('2026-11-02T05:00:00Z') });
  });
});

describe('weekly bulletin', () => {
  it('sums per cadre and village, names who is behind (low rate or an overdue task), ranks villages without overlap', () => {
    const b = summarizeBulletin(
      {
        township: { id: 'T1', name: '青山镇' },
        week,
        rows: [
          row('a', 'V1', 4, 4),
          row('a', 'V2', 2, 1), // a: 5/6 = 83%
          row('b', 'V2', 5, 3), // 60%
          row('c', 'V3', 2, 2, { overdueTasks: 1 }), // all done, but a task is overdue
          row('d', 'V4', 0, 0), // nothing due: not ranked
          row('e', 'V5', 3, 3),
        ],
      },
      rules,
    );
    expect(b.totals).toEqual({ households: 6, due: 16, done: 13, overdueContacts: 3, overdueTasks: 1, cadres: 5 });
    expect(b.cadres.map((c) => c.cadre)).toEqual(['b', 'a', 'c', 'd', 'e']);
    expect(b.cadres[1]!.villages).toEqual(['V1村', 'V2村']);
    expect(b.behind.map((c) => c.cadre)).toEqual(['b', 'c']);
    // Best first: all done, then fewer overdue tasks, then by name; nothing due last.
    expect(b.villages.map((v) => v.name)).toEqual(['V1村', 'V5村', 'V3村', 'V2村', 'V4村']);
    expect(b.top.map((v) => v.name)).toEqual(['V1村', 'V5村']);
    expect(b.bottom.map((v) => v.name)).toEqual(['V2村', 'V3村']);
  });

  it("fits WeCom's message size however many are behind, keeping the totals and villages", () => {
    const rows = Array.from({ length: 300 }, (_, i) => row(`u${i}`, `V${i % 40}`, 4, i % 3));
    const md = bulletinMarkdown(
      summarizeBulletin({ township: { id: 'T1', name: '青山镇' }, week, rows }, rules),
      'Asia/Shanghai',
      rules,
    );
    expect(new TextEncoder().encode(md).length).toBeLessThanOrEqual(WECOM_MESSAGE_BYTES);
    expect(md).toContain('走访联系：应 **1200** 次');
    expect(md).toContain('**完成率靠后**');
    expect(md).toContain('**需督促干部 300 人**');
    expect(md).toMatch(/……另有 \d+ 行未列出\n\n完整名单见周报表（XLSX）。$/);
  });
});
