import { describe, expect, it } from 'vitest';
import { parseCommand, USAGE } from '../../src/domain/cadre/parse-command.js';
import { VISIT_REPORT_KEY, visitCardId, visitOfCard, visitReportCard } from '../../src/domain/cadre/visit-card.js';

/** 上报 (干部排查): a cadre's text opens a report for a household by 户号 or 户主姓名. */
describe('上报 command', () => {
  it.each([
    [
      '上报 H0000025 孩子初中辍学，房屋墙裂漏雨',
      { kind: 'report', household: 'H0000025', note: '孩子初中辍学，房屋墙裂漏雨', visitId: null },
    ],
    ['上报：张三，住院花了3万', { kind: 'report', household: '张三', note: '住院花了3万', visitId: null }],
    ['上报　Ｈ０００００２５　房子漏雨', { kind: 'report', household: 'H0000025', note: '房子漏雨', visitId: null }],
    ['  上报 李四   家里断水了  ', { kind: 'report', household: '李四', note: '家里断水了', visitId: null }],
  ])('%s', (text, expected) => {
    expect(parseCommand(text)).toEqual(expected);
  });

  it.each([
    ['上报'], // nobody named
    ['上报 H0000025'], // nothing to report
    ['上报 张三 '],
    ['上报H0000025 漏雨'], // the verb runs into the household
  ])('refuses %s with the usage line', (text) => {
    expect(parseCommand(text)).toEqual({ kind: 'invalid', usage: USAGE.report });
  });

  it('leaves other words beginning with 上报 to the help text', () => {
    expect(parseCommand('上报情况怎么写')).toEqual({ kind: 'unknown' });
  });

  it('the visit card carries its visit in the task id and one 上报 button', () => {
    const card = visitReportCard({
      visitId: 42,
      headName: '张三',
      villageName: '联合村',
      riskTypes: ['dropout', 'housing'],
      note: '孩子初中辍学',
    }) as { task_id: string; main_title: { title: string }; button_list: Array<{ key: string; text: string }> };
    expect(card.main_title.title).toBe('发现风险，要上报吗？');
    expect(JSON.stringify(card)).toContain('失学辍学、住房无保障');
    expect(card.button_list).toEqual([{ key: VISIT_REPORT_KEY, text: '上报', style: 1 }]);
    expect(visitOfCard(card.task_id)).toBe(42);
    expect(visitOfCard(visitCardId(7))).toBe(7);
    expect(visitOfCard('sw-proc-1-2')).toBeNull();
    expect(visitOfCard('sw-visit-x')).toBeNull();
  });
});
