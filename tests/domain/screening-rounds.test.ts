import { describe, expect, it } from 'vitest';
import { parseCommand } from '../../src/domain/cadre/parse-command.js';
import { WECOM_MESSAGE_BYTES } from '../../src/domain/message-size.js';
import { missedRoundLines } from '../../src/domain/rounds/missed-rounds.js';
import { roundCard, roundListText, roundOfCard } from '../../src/domain/rounds/round-card.js';
import { halfMonth, previousMonthKey, roundPeriod } from '../../src/domain/rounds/round-periods.js';
import { DEFAULT_ROUND_POLICY } from '../../src/domain/rounds/round-policy.js';
import { sampleRecords, sampleSize } from '../../src/domain/rounds/round-sample.js';
import type { RoundItem, RoundView } from '../../src/domain/rounds/round-view.js';
import { parsePolicy } from '../../src/domain/policy.js';
import { loadPolicy } from '../../src/load-policy.js';

const TZ = 'Asia/Shanghai';
const rules = DEFAULT_ROUND_POLICY;
const local = (s: string) => new Date(`${s}+08:00`);

describe('round periods', () => {
  it('a 周排查 runs Monday to Monday and is due after answerDays, never past the week', () => {
    const p = roundPeriod('village', local('2026-12-03T10:00:00'), rules, TZ);
    expect(p).toEqual({
      start: local('2026-11-30T00:00:00'),
      end: local('2026-12-07T00:00:00'),
      deadline: local('2026-12-07T00:00:00'),
    });
    const short = roundPeriod(
      'village',
      local('2026-12-03T10:00:00'),
      { ...rules, village: { enabled: true, answerDays: 3 } },
      TZ,
    );
    expect(short.deadline).toEqual(local('2026-12-03T00:00:00'));
  });

  it('a 半月核实 runs the 1st to the 16th and the 16th to the next 1st, across the year end', () => {
    expect(halfMonth(local('2026-12-15T23:59:00'), TZ)).toEqual({
      start: local('2026-12-01T00:00:00'),
      end: local('2026-12-16T00:00:00'),
    });
    expect(halfMonth(local('2026-12-16T00:00:00'), TZ)).toEqual({
      start: local('2026-12-16T00:00:00'),
      end: local('2027-01-01T00:00:00'),
    });
    const p = roundPeriod('township', local('2027-02-20T08:00:00'), rules, TZ);
    expect(p.deadline).toEqual(local('2027-03-01T00:00:00')); // 15 days capped at February's end
    const q = roundPeriod(
      'township',
      local('2027-02-20T08:00:00'),
      { ...rules, township: { ...rules.township, answerDays: 5 } },
      TZ,
    );
    expect(q.deadline).toEqual(local('2027-02-21T00:00:00'));
  });

  it('the 1st reports on the month before, January on last December', () => {
    expect(previousMonthKey(local('2026-12-01T07:30:00'), TZ)).toBe('2026-11');
    expect(previousMonthKey(local('2027-01-01T07:30:00'), TZ)).toBe('2026-12');
    expect(previousMonthKey(new Date('2026-11-30T23:30:00Z'), TZ)).toBe('2026-11'); // already Dec 1st in Shanghai
  });
});

describe('核实 sample', () => {
  const township = rules.township; // 10%, at least 2, at most 10
  it('takes the share rounded up, held within min and max, never more than there are', () => {
    expect(sampleSize(0, township)).toBe(0);
    expect(sampleSize(1, township)).toBe(1);
    expect(sampleSize(15, township)).toBe(2);
    expect(sampleSize(35, township)).toBe(4);
    expect(sampleSize(500, township)).toBe(10);
  });

  it('the same seed picks the same households, another seed others', () => {
    const records = Array.from({ length: 60 }, (_, i) => ({ householdId: `H${String(i).padStart(7, '0')}` }));
    const a = sampleRecords(records, township, '2026-12-01:V1');
    expect(a).toHaveLength(6);
    expect(sampleRecords([...records].reverse(), township, '2026-12-01:V1')).toEqual(a);
    const b = sampleRecords(records, township, '2026-12-16:V1');
    expect(b).toHaveLength(6);
    expect(b).not.toEqual(a);
  });
});

describe('round answers in chat', () => {
  it('reads 无新增风险 with or without the verb, and the list', () => {
    for (const t of ['无新增风险', '排查 无新增风险', '排查：无新增风险。', '核实 无新增风险', '核查无新增'])
      expect(parseCommand(t)).toEqual({ kind: 'round_clear', roundId: null });
    expect(parseCommand('本周清单')).toEqual({ kind: 'round_list', roundId: null });
    expect(parseCommand('排查清单')).toEqual({ kind: 'screening_list' }); // 集中排查's
  });

  it('one finding is the 排查 rule’s (集中排查 first, then the round); several are one a line or split by ；', () => {
    expect(parseCommand('排查 H0000025 孩子初中辍学')).toEqual({
      kind: 'screening',
      household: 'H0000025',
      answer: '孩子初中辍学',
    });
    expect(parseCommand('排查\nH0000025 孩子初中辍学，在家放牛\n王小明：房子墙裂漏雨；H0000031 没水吃')).toEqual({
      kind: 'round_found',
      roundId: null,
      findings: [
        { household: 'H0000025', note: '孩子初中辍学，在家放牛' },
        { household: '王小明', note: '房子墙裂漏雨' },
        { household: 'H0000031', note: '没水吃' },
      ],
    });
  });

  it('a 排查 with nothing readable gets the usage line, and other commands are untouched', () => {
    expect(parseCommand('排查\nH0000025 孩子辍学\nH0000031')).toMatchObject({ kind: 'invalid' });
    expect(parseCommand('排查')).toEqual({ kind: 'screening_list' });
    expect(parseCommand('上报 H0000025 孩子辍学')).toMatchObject({ kind: 'report' });
    expect(parseCommand('核实 SW2026000123 已入户')).toMatchObject({ kind: 'verify' });
  });
});

const item = (n: number, more: Partial<RoundItem> = {}): RoundItem => ({
  householdId: `H${String(n).padStart(7, '0')}`,
  headName: `户主${n}`,
  villageName: n % 2 ? '张家村' : '李家村',
  visitDueAt: null,
  callDueAt: null,
  openCases: [],
  signals: 0,
  lastContactAt: null,
  ...more,
});
const view = (kind: RoundView['kind'], items: RoundItem[]): RoundView => ({
  id: 42,
  kind,
  placeName: kind === 'village' ? '张家村' : '城关镇',
  periodStart: local('2026-11-30T00:00:00'),
  periodEnd: local('2026-12-07T00:00:00'),
  deadline: local('2026-12-07T00:00:00'),
  recipients: ['u1', 'u2'],
  items,
  answeredAt: null,
  answeredBy: null,
  answeredByName: null,
  outcome: null,
  findings: 0,
});

describe('round card and list', () => {
  const items = [
    item(1, { visitDueAt: local('2026-12-02T00:00:00') }),
    item(3, { callDueAt: local('2026-12-04T00:00:00'), openCases: ['SW2026000007'] }),
    item(5, { signals: 2 }),
  ];

  it('the 排查 card counts the households due, with open cases and warnings, with both answers as buttons', () => {
    const card = roundCard(view('village', items), 1, TZ) as {
      task_id: string;
      main_title: { title: string; desc: string };
      horizontal_content_list: Array<{ keyname: string; value: string }>;
      button_list: Array<{ key: string; text: string }>;
    };
    expect(card.task_id).toBe('sw-round-42-1');
    expect(roundOfCard(card.task_id)).toBe(42);
    expect(roundOfCard('sw-task-42')).toBeNull();
    expect(card.main_title).toEqual({ title: '张家村本周排查', desc: '11月30日至12月6日，请于12月6日前答复' });
    expect(card.horizontal_content_list.map((f) => `${f.keyname}=${f.value}`)).toEqual([
      '应走访联系=2 户',
      '未办结事项=1 户',
      '部门预警=1 户',
      '清单=共 3 户',
    ]);
    expect(card.button_list.map((b) => b.text)).toEqual(['无新增风险', '查看清单']);
  });

  it('the list says why each household is there, within one message', () => {
    const text = roundListText(view('village', items), TZ);
    expect(text).toContain('1. 户主1户 H0000001：走访到期 12月2日');
    expect(text).toContain('2. 户主3户 H0000003：电话回访到期 12月4日；未办结 SW2026000007');
    expect(text).toContain('3. 户主5户 H0000005：近30天部门预警 2 条');
    const many = roundListText(
      view(
        'township',
        Array.from({ length: 300 }, (_, i) => item(i)),
      ),
      TZ,
    );
    expect(new TextEncoder().encode(many).length).toBeLessThanOrEqual(WECOM_MESSAGE_BYTES);
    expect(many).toContain('尚无走访记录');
    expect(many).toContain('行未列出');
  });
});

describe('missed rounds in the bulletin', () => {
  it('names each village not answered in time and the township’s 核实, saying which were answered late', () => {
    const lines = missedRoundLines(
      [
        {
          kind: 'village',
          placeName: '张家村',
          periodStart: local('2026-11-23T00:00:00'),
          periodEnd: local('2026-11-30T00:00:00'),
          deadline: local('2026-11-30T00:00:00'),
          answeredAt: null,
        },
        {
          kind: 'village',
          placeName: '李家村',
          periodStart: local('2026-11-23T00:00:00'),
          periodEnd: local('2026-11-30T00:00:00'),
          deadline: local('2026-11-30T00:00:00'),
          answeredAt: local('2026-11-30T09:00:00'),
        },
        {
          kind: 'township',
          placeName: '城关镇',
          periodStart: local('2026-11-16T00:00:00'),
          periodEnd: local('2026-12-01T00:00:00'),
          deadline: local('2026-12-01T00:00:00'),
          answeredAt: null,
        },
      ],
      TZ,
    );
    expect(lines.filter(Boolean)).toEqual([
      '**未按时排查 2 村次**：张家村（11月23日至11月29日，未答复）、李家村（11月23日至11月29日，11月30日补答）',
      '**未按时半月核实 1 次**：城关镇（11月16日至11月30日，未答复）',
    ]);
    expect(missedRoundLines([], TZ)).toEqual([]);
  });
});

describe('the rhythm in the policy', () => {
  it('the default policy file carries it, and an older file without it gets the defaults', () => {
    expect(loadPolicy('policy/default.json').rounds).toEqual(DEFAULT_ROUND_POLICY);
    const doc = JSON.parse(JSON.stringify(loadPolicy('policy/default.json'))) as Record<string, unknown>;
    delete doc.rounds;
    expect(parsePolicy(doc).rounds).toEqual(DEFAULT_ROUND_POLICY);
    expect(() =>
      parsePolicy({ ...doc, rounds: { ...DEFAULT_ROUND_POLICY, village: { enabled: true, answerDays: 9 } } }),
    ).toThrow(/rounds\.village\.answerDays/);
  });
});
