import { describe, expect, it } from 'vitest';
import { chineseNumber } from '../../../src/domain/triage/chinese-number.js';
import { largestAmount, readAmounts, selfPaidOf } from '../../../src/domain/triage/parse-amount.js';

describe('chineseNumber', () => {
  it.each([
    ['三万五', 35000, false],
    ['一万二', 12000, false],
    ['三千五', 3500, false],
    ['两千', 2000, false],
    ['十二', 12, false],
    ['一百二十万', 1200000, false],
    ['两万五千', 25000, false],
    ['二十几', 23, true],
    ['四五百', 450, true],
    ['十几万', 130000, true],
  ] as const)('%s → %d', (s, value, approx) => {
    expect(chineseNumber(s)).toEqual({ value, approx });
  });

  it.each(['万一', '千万', '零'])('%s is no number', (s) => {
    expect(chineseNumber(s)).toBeNull();
  });
});

describe('readAmounts: the sums villagers type', () => {
  it.each([
    ['二十来万', 200000, true],
    ['八万出头', 80000, true],
    ['三万多点', 30000, true],
    ['1.5万', 15000, false],
    ['三千来块', 3000, true],
    ['３万', 30000, false],
    ['用了二十几万', 230000, true],
    ['自费1.2万', 12000, false],
    ['花了3000', 3000, false],
    ['一共花了12w', 120000, false],
  ] as const)('%s → %d', (text, yuan, approx) => {
    const [a] = readAmounts(text);
    expect(a).toMatchObject({ yuan, approx });
  });

  it.each(['十三岁', '2026年1月', '家里养了三百只鸡', '万一他不回来', '住在3组', '种了五六亩地', '电话13800138000'])(
    '%s has no sum of money',
    (text) => {
      expect(readAmounts(text)).toEqual([]);
    },
  );

  it('keeps recurring sums apart: 一天要好几千, 每个月四五百', () => {
    expect(readAmounts('在医院一天要好几千')[0]).toMatchObject({ yuan: 3000, per: 'day', approx: true });
    expect(readAmounts('每个月吃药要四五百')[0]).toMatchObject({ yuan: 450, per: 'month' });
  });
});

describe('selfPaidOf: total and self-paid kept apart', () => {
  it.each([
    ['花了九万，报完自己出三万', 30000],
    ['花了三万，报完自己出了六千', 6000], // 自己出了: the 出了 inside 自己出 is no cue of its own
    ['总共花了十二万，医保报了九万', 30000],
    ['报了六万自己还要出两万多', 20000],
    ['住院花了三万多，家里拿不出钱', 30000],
    ['欠了亲戚八万', 80000],
  ] as const)('%s → %d', (text, yuan) => {
    expect(selfPaidOf(readAmounts(text))?.yuan).toBe(yuan);
  });

  it('a daily cost is not a self-paid total', () => {
    expect(selfPaidOf(readAmounts('一天要好几千'))).toBeNull();
  });

  it('largestAmount is the biggest sum whatever its role', () => {
    expect(largestAmount('花了九万，报完自己出三万')).toBe(90000);
    expect(largestAmount('你好')).toBeNull();
  });
});
