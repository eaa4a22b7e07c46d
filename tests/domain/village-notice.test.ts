import { describe, expect, it } from 'vitest';
import { noticeMaskId, villageNotice, type NoticeHousehold } from '../../src/domain/register/village-notice.js';

const row = (id: string, at: string, more: Partial<NoticeHousehold> = {}): NoticeHousehold => ({
  householdId: id,
  headName: `户主${id}`,
  headIdNumber: '53010219800101123X',
  persons: 3,
  category: 'edge',
  matter: 'identify',
  at: new Date(at),
  removalMode: '',
  ...more,
});
const base = {
  village: '河口村',
  township: '城关镇',
  noticeDays: 5,
  contact: { person: '李主任', phone: '0871-1234567' },
  now: new Date('2026-12-01T03:00:00Z'),
  timeZone: 'Asia/Shanghai',
};

describe('villageNotice', () => {
  it('lists households by notice start with only the last four of the ID, and the period and contact', () => {
    const n = villageNotice(
      [
        row('H2', '2026-11-29T02:00:00Z'),
        row('H1', '2026-11-28T02:00:00Z', { matter: 'exit', category: null, removalMode: '帮扶消除' }),
      ],
      { ...base, kind: 'notice' },
    );
    expect(n.lines.map((l) => [l.no, l.headName, l.matter, l.category, l.date])).toEqual([
      [1, '户主H1', '拟消除风险', '帮扶消除', '2026-11-28'],
      [2, '户主H2', '拟纳入监测', '边缘易致贫户', '2026-11-29'],
    ]);
    expect(n.lines[0]!.maskedId).toBe('**************123X');
    expect(n.period).toEqual({ from: '2026-11-28', to: '2026-12-04' });
    expect(n.text).toContain('公示期不少于 5 天');
    expect(n.text).toContain('李主任，电话 0871-1234567');
    expect(n.issuedBy).toBe('城关镇河口村村民委员会');
    expect(JSON.stringify(n)).not.toContain('19800101');
  });

  it('makes a 结果公告 without a period, and masks what it has', () => {
    const n = villageNotice([row('H1', '2026-12-01T02:00:00Z')], { ...base, kind: 'result', month: '2026-12' });
    expect(n.title).toBe('河口村防止返贫监测对象结果公告（2026年12月）');
    expect(n.period).toBeNull();
    expect(n.lines[0]!.matter).toBe('已纳入监测');
    expect(noticeMaskId(null)).toBe('');
    expect(noticeMaskId('1234')).toBe('1234');
  });
});
