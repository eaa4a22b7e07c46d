import { describe, expect, it } from 'vitest';
import { whyLine } from '../../../src/domain/triage/why-line.js';

describe('whyLine: the 为什么 line of a task card', () => {
  it('names the rules, the green reason in brackets', () => {
    expect(whyLine(['疾病(白血兵→白血病)', '绿色通道:新发大病', '模型:green(0.50; r:green)'])).toBe(
      '疾病(白血兵→白血病)；绿色通道(新发大病)',
    );
  });

  it('falls back on the model when no rule spoke', () => {
    expect(whyLine(['模型:water(0.84; s:drinking_water 水)', '模型:green(0.7; x)'])).toBe('模型判断饮水无保障');
  });

  it('fits WeCom’s 30 characters', () => {
    const line = whyLine(['收入(失业,没工作,厂子倒闭,辞退,被裁,停工,拖欠工资,欠薪)', '自付≥20000(230000)']);
    expect(line).toHaveLength(30);
    expect(line.endsWith('…')).toBe(true);
  });

  it('is empty for a case that kept no reasons', () => {
    expect(whyLine([])).toBe('');
    expect(whyLine([{ old: 'shape' }])).toBe('');
  });
});
