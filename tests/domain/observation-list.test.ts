import { describe, expect, it } from 'vitest';
import { parseCommand } from '../../src/domain/cadre/parse-command.js';
import { observationListText, observationVisitDue } from '../../src/domain/schedule/observation-list.js';
import { isObserved, visitPlan } from '../../src/domain/schedule/visit-plan.js';
import { loadPolicy } from '../../src/load-policy.js';

const TZ = 'Asia/Shanghai';
const now = new Date('2026-12-01T04:00:00Z');
const day = 86_400_000;
const lines = { monitoring: 7100, observation: 8122 };

describe('观察名单', () => {
  it('parses its names, and nothing after them', () => {
    for (const t of ['观察名单', ' 观察对象 ', '观察户']) expect(parseCommand(t)).toEqual({ kind: 'observation_list' });
    expect(parseCommand('观察名单 张三')).toEqual({ kind: 'unknown' });
  });

  it('visits every N days after the last visit; never visited is due now', () => {
    expect(observationVisitDue(null, 60, now)).toEqual(now);
    expect(observationVisitDue(new Date(now.getTime() - 10 * day), 60, now)).toEqual(
      new Date(now.getTime() + 50 * day),
    );
  });

  it('lists who, the income and when to visit next, and says when nobody is between the lines', () => {
    const text = observationListText(
      {
        rows: [
          {
            id: 'H1',
            headName: '张三',
            villageName: '联合村',
            incomePerCapita: 7500,
            observeCase: 'SW2026000001',
            lastVisitAt: null,
          },
          {
            id: 'H2',
            headName: '李四',
            villageName: '联合村',
            incomePerCapita: 8000,
            observeCase: null,
            lastVisitAt: new Date(now.getTime() - 70 * day),
          },
          {
            id: 'H3',
            headName: '王五',
            villageName: '石岭村',
            incomePerCapita: null,
            observeCase: null,
            lastVisitAt: new Date(now.getTime() - 10 * day),
          },
        ],
        total: 4,
      },
      lines,
      60,
      TZ,
      now,
    );
    const out = text.split('\n');
    expect(out[0]).toBe(
      '观察名单：您负责的农户中有 4 户人均纯收入在监测线 7100 元与观察线 8122 元之间，每 60 天走访一次（比监测户轻）：',
    );
    expect(out[1]).toBe('1. 张三户（联合村，户号 H1）人均 7500 元（观察事项 SW2026000001），尚未走访，请尽快走访');
    expect(out[2]).toBe('2. 李四户（联合村，户号 H2）人均 8000 元，上次走访 9月22日，已到走访时间');
    expect(out[3]).toBe('3. 王五户（石岭村，户号 H3）收入未登记，上次走访 11月21日，1月20日 前再走访');
    expect(out[4]).toBe('……还有 1 户未列出。');
    expect(observationListText({ rows: [], total: 0 }, lines, 60, TZ, now)).toBe(
      '您负责的农户中没有人均纯收入在监测线 7100 元与观察线 8122 元之间的观察对象。',
    );
  });
});

describe('观察对象 visit rule', () => {
  const policy = loadPolicy('policy/default.json');
  const plan = (status: 'ordinary' | 'lifted' | 'monitored', incomePerCapita: number | null) =>
    visitPlan({ status, riskOpen: true, incomePerCapita }, policy);

  it('visits a household between the lines every 60 days, whatever else it is not', () => {
    expect(plan('ordinary', 7100)).toEqual({ visitEveryDays: 60, callEveryDays: null });
    expect(plan('ordinary', 8121)).toEqual({ visitEveryDays: 60, callEveryDays: null });
    expect(plan('lifted', 7500)).toEqual({ visitEveryDays: 60, callEveryDays: 30 }); // lighter than a quarter
  });

  it('leaves the others on their status plan', () => {
    expect(plan('ordinary', 8122)).toEqual({ visitEveryDays: null, callEveryDays: null });
    expect(plan('ordinary', 7099)).toEqual({ visitEveryDays: null, callEveryDays: null });
    expect(plan('ordinary', null)).toEqual({ visitEveryDays: null, callEveryDays: null });
    expect(plan('lifted', 20000)).toEqual({ visitEveryDays: 90, callEveryDays: 30 });
    expect(plan('monitored', 7500)).toEqual({ visitEveryDays: 3.5, callEveryDays: null });
    expect(isObserved({ status: 'monitored', incomePerCapita: 7500 }, policy)).toBe(false);
  });
});
