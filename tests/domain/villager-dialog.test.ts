import { describe, expect, it } from 'vitest';
import {
  extractDetails,
  GREETING,
  nextDialogStep,
  receiptText,
  type Draft,
} from '../../src/domain/chat/villager-dialog.js';
import { idCheckChar } from '../../src/domain/id-card.js';
import { classifyReport } from '../../src/domain/triage/classify-report.js';
import { loadPolicy } from '../../src/load-policy.js';

const policy = loadPolicy('policy/default.json');
const step = (draft: Draft, text: string) =>
  nextDialogStep(draft, text, text ? classifyReport({ text }, policy) : null);
const ID = '53069919800101001' + idCheckChar('53069919800101001');

describe('extractDetails', () => {
  it.each([
    ['我叫王永华，石岭村的', { name: '王永华', village: '石岭村' }],
    [`身份证${ID}`, { idNumber: ID }],
    ['电话１３８１２３４５６７８', { phone: '13812345678' }],
    ['我帮邻居报一下，他叫李明，住龙潭村', { name: '李明', village: '龙潭村', forOther: true }],
    ['530699198001010010', {}], // a bad check digit is not an ID number
  ])('%s', (text, want) => {
    expect(extractDetails(text)).toEqual(want);
  });
});

describe('nextDialogStep', () => {
  const empty: Draft = { description: [] };

  it('greets chatter and asks what happened', () => {
    expect(step(empty, '在吗')).toMatchObject({ action: 'ask', reply: GREETING });
  });

  it('asks who, then the phone, then submits', () => {
    const a = step(empty, '家里断水半个月了');
    expect(a).toMatchObject({ action: 'ask', reply: expect.stringContaining('姓名和所在的村') });
    const b = step(a.draft, '我叫王永华，石岭村');
    expect(b).toMatchObject({ action: 'ask', reply: expect.stringContaining('手机号码') });
    const c = step(b.draft, '13812345678');
    expect(c).toMatchObject({
      action: 'submit',
      ask: null,
      draft: { name: '王永华', village: '石岭村', phone: '13812345678', description: ['家里断水半个月了'] },
    });
  });

  it('takes everything from one message', () => {
    expect(step(empty, `我叫王永华，石岭村，电话13812345678，家里断水半个月了`)).toMatchObject({
      action: 'submit',
      ask: null,
    });
  });

  it('submits at once on the green channel and asks who in the receipt', () => {
    const s = step(empty, '房子塌了，人被砸伤住院');
    expect(s).toMatchObject({ action: 'submit', ask: expect.stringContaining('姓名') });
  });

  it('gives up asking after two tries so the villager still gets a case', () => {
    const a = step(empty, '低保没到账');
    const b = step(a.draft, '不方便说');
    expect(b).toMatchObject({ action: 'ask' });
    const c = step(b.draft, '就是没到账');
    expect(c.action).toBe('ask'); // phone, asked once
    const d = step(c.draft, '没有电话');
    expect(d).toMatchObject({ action: 'submit' });
  });

  it('asks about the household, not the reporter, when reporting for someone else', () => {
    expect(step(empty, '我帮邻居报，他家孩子不上学了')).toMatchObject({
      action: 'ask',
      reply: expect.stringContaining('哪一户'),
    });
  });

  it('keeps an image as evidence and asks for words', () => {
    const s = nextDialogStep(empty, '', null, { type: 'image', ref: 'media-1' });
    expect(s).toMatchObject({ action: 'ask', draft: { evidence: [{ type: 'image', ref: 'media-1' }] } });
  });
});

describe('receiptText', () => {
  it('puts the case number first and the open question after it', () => {
    expect(receiptText('SW2026000001', false, null)).toBe(
      '已收到您反映的情况，编号 SW2026000001。帮扶干部会在 1 个工作日内与您联系。',
    );
    expect(receiptText('SW2026000002', true, '请留电话')).toMatch(
      /^已收到，已按绿色通道加急处理，编号 SW2026000002。.*\n请留电话$/s,
    );
  });
});

describe('extractDetails: the ways villagers say who they are (issue 18)', () => {
  it.each([
    ['罗玉华，大坪村', { name: '罗玉华', village: '大坪村' }],
    ['户主叫张德明，松林村', { name: '张德明', village: '松林村' }],
    ['我是大坪村的罗玉华', { name: '罗玉华', village: '大坪村' }],
    ['我叫杨贵，石岭村的', { name: '杨贵', village: '石岭村' }],
    ['我是石岭村的', { village: '石岭村' }],
    ['我帮邻居报一下，隔壁张大爷家房子塌了半边', { forOther: true }],
  ])('%s', (text, want) => {
    expect(extractDetails(text)).toEqual(want);
  });

  it("does not carry the reporter's own name into a report for someone else", () => {
    const own: Draft = { description: [], name: '王永华', village: '石岭村', phone: '13812345678' };
    const next = step(own, '我帮邻居报一下，隔壁张大爷家房子塌了半边');
    expect(next.draft.name).toBeUndefined();
    expect(next.draft.forOther).toBe(true);
  });
});
