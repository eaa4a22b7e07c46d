import { describe, expect, it } from 'vitest';
import { parseCommand } from '../../src/domain/cadre/parse-command.js';

describe('typed 帮扶 and 措施 commands', () => {
  it('reads the typed form in any order, keyed or not', () => {
    expect(parseCommand('帮扶 SW2026000123 小额信贷 金额:5万 对象：张三 已落实 2026年3月1日 部门:农商行 养牛')).toEqual(
      {
        kind: 'assist_typed',
        number: 'SW2026000123',
        form: {
          type: 'microcredit',
          member: '张三',
          department: '农商行',
          amountYuan: 50_000,
          start: { year: 2026, month: 3, day: 1 },
          status: 'done',
          detail: '养牛',
        },
      },
    );
    const c = parseCommand('帮扶 SW2026000123 低保 全户');
    expect(c).toMatchObject({ kind: 'assist_typed', form: { type: 'dibao', member: null, status: null, start: null } });
  });

  it('keeps free text as today, and says how when a field is wrong', () => {
    expect(parseCommand('帮扶 SW2026000123 申请医疗救助')).toEqual({
      kind: 'assist',
      number: 'SW2026000123',
      measure: '申请医疗救助',
    });
    expect(parseCommand('帮扶 SW2026000123 低保 金额:很多').kind).toBe('invalid');
    expect(parseCommand('帮扶 SW2026000123 低保 状态:差不多').kind).toBe('invalid');
    expect(parseCommand('帮扶 SW2026000123 低保 开始:13月1日').kind).toBe('invalid');
  });

  it('reads 措施 and 成效', () => {
    expect(parseCommand('措施 SW2026000123')).toEqual({ kind: 'measures', number: 'SW2026000123' });
    expect(parseCommand('措施 SW2026000123 2 已落实')).toMatchObject({
      kind: 'measure_status',
      index: 2,
      status: 'done',
    });
    expect(parseCommand('措施 SW2026000123 2 快好了').kind).toBe('invalid');
    expect(parseCommand('成效 SW2026000123 1 部分见效 还在恢复')).toMatchObject({
      kind: 'measure_effect',
      index: 1,
      effect: 'partial',
      note: '还在恢复',
    });
    expect(parseCommand('成效 SW2026000123 1').kind).toBe('invalid');
  });
});
