import { describe, expect, it } from 'vitest';
import { buildDigest, type DigestItem } from '../../src/domain/schedule/digest.js';
import { escalationStep, inQuietHours } from '../../src/domain/schedule/escalation.js';
import { loadPolicy } from '../../src/load-policy.js';

const tz = 'Asia/Shanghai';
const at = (s: string) => new Date(`${s}+08:00`);

describe('digest', () => {
  it('heads with the counts, lists 绿色通道 and the soonest first, visits after tasks', () => {
    const items: DigestItem[] = [
      { kind: 'visit', who: '李四户（石桥村）', dueAt: at('2026-11-20T09:00:00') },
      {
        kind: 'task',
        number: 'SW2026000002',
        state: 'assigned',
        green: false,
        who: '王五户（石桥村）',
        dueAt: at('2026-11-24T08:00:00'),
      },
      {
        kind: 'task',
        number: 'SW2026000003',
        state: 'assigned',
        green: true,
        who: '赵六户（石桥村）',
        dueAt: at('2026-11-24T12:00:00'),
      },
      {
        kind: 'task',
        number: 'SW2026000004',
        state: 'acknowledged',
        green: false,
        who: '钱七户（石桥村）',
        dueAt: at('2026-11-22T18:00:00'),
      },
    ];
    expect(buildDigest(items, tz)).toBe(
      [
        '【守望提醒】您有 2 项任务待签收，1 项任务已过入户核实时限，1 户走访已逾期。',
        '以下任务等待您签收：',
        '1. 【绿色通道】SW2026000003 赵六户（石桥村），时限是 11月24日 12:00。',
        '2. SW2026000002 王五户（石桥村），时限是 11月24日 08:00。',
        '以下任务已过入户核实的时限，请尽快入户：',
        '1. SW2026000004 钱七户（石桥村），时限是 11月22日 18:00。',
        '以下农户的入户走访已逾期：',
        '1. 李四户（石桥村），应于 11月20日 09:00 前入户走访。',
        '回复「我的任务」可查看全部任务；您办理后，提醒会自动停止。',
      ].join('\n'),
    );
  });

  it('puts households scoring 高 (60+) after the 绿色通道 and before sooner deadlines, with their score', () => {
    const task = (number: string, who: string, due: string, extra: Partial<DigestItem> = {}): DigestItem =>
      ({ kind: 'task', number, state: 'assigned', green: false, who, dueAt: at(due), ...extra }) as DigestItem;
    const items: DigestItem[] = [
      task('SW2026000011', '王五户（石桥村）', '2026-11-24T08:00:00', { score: 35 }),
      task('SW2026000012', '孙八户（石桥村）', '2026-11-25T08:00:00', { score: 72 }),
      task('SW2026000013', '赵六户（石桥村）', '2026-11-26T08:00:00', { green: true, score: 10 }),
      task('SW2026000014', '周九户（石桥村）', '2026-11-24T09:00:00', { score: 64 }),
      { kind: 'visit', who: '李四户（石桥村）', dueAt: at('2026-11-21T09:00:00') },
      { kind: 'visit', who: '吴十户（石桥村）', dueAt: at('2026-11-22T09:00:00'), score: 81 },
    ];
    expect(buildDigest(items, tz).split('\n').slice(1, -1)).toEqual([
      '以下任务等待您签收：',
      '1. 【绿色通道】SW2026000013 赵六户（石桥村），时限是 11月26日 08:00。',
      '2. 【预警64分】SW2026000014 周九户（石桥村），时限是 11月24日 09:00。',
      '3. 【预警72分】SW2026000012 孙八户（石桥村），时限是 11月25日 08:00。',
      '4. SW2026000011 王五户（石桥村），时限是 11月24日 08:00。',
      '以下农户的入户走访已逾期：',
      '1. 【预警81分】吴十户（石桥村），应于 11月22日 09:00 前入户走访。',
      '2. 李四户（石桥村），应于 11月21日 09:00 前入户走访。',
    ]);
  });

  it("stays within WeCom's 2,048-byte text limit however much is due", () => {
    const reminded = Array.from({ length: 12 }, (_, i) => ({
      name: '张三丰',
      at: at(`2026-11-${String(10 + i).padStart(2, '0')}T08:00:00`),
    }));
    const items: DigestItem[] = Array.from({ length: 200 }, (_, i) =>
      i % 2
        ? {
            kind: 'escalated',
            number: `SW2026${String(i).padStart(6, '0')}`,
            state: 'assigned',
            green: false,
            who: '欧阳某某户（石桥村民委员会）',
            dueAt: at('2026-11-24T08:00:00'),
            holder: '张三丰',
            reminded,
          }
        : { kind: 'visit', who: '欧阳某某户（石桥村民委员会）', dueAt: at('2026-11-20T09:00:00') },
    );
    const text = buildDigest(items, tz);
    expect(Buffer.byteLength(text)).toBeLessThanOrEqual(2048);
    expect(text).toContain('……另有 92 项');
    expect(text).toContain('共 12 次，最近：');
  });
});

describe('escalation ladder and quiet hours', () => {
  const policy = loadPolicy('policy/default.json');
  it.each([
    [0, 'holder', 4],
    [1, 'holder', 8],
    [2, 'village', 24],
    [3, 'township', 24],
    [4, 'county', 24],
    [9, 'county', 24],
  ] as const)('reminder %i goes to %s, next after %i h', (k, to, hours) => {
    expect(escalationStep(k, policy)).toEqual({ to, nextInMs: hours * 3_600_000 });
  });
  it.each([
    ['2026-11-24T20:59:00', false],
    ['2026-11-24T21:00:00', true],
    ['2026-11-25T03:00:00', true],
    ['2026-11-25T07:29:00', true],
    ['2026-11-25T07:30:00', false],
  ])('%s local is quiet: %s', (t, quiet) => {
    expect(inQuietHours(at(t), policy.reminders.quietHours, tz)).toBe(quiet);
  });
});
