import { describe, expect, it } from 'vitest';
import { incomeStability, type IncomeRecord } from '../../src/domain/assistance/income-record.js';

const rec = (day: string, yuan: number): IncomeRecord => ({
  householdId: 'H1',
  yuan,
  source: 'visit',
  at: new Date(`${day}T02:00:00Z`),
  by: 'u1',
  caseId: null,
  note: '',
});
const rule = (now: string) => ({ line: 7100, months: 6, now: new Date(`${now}T12:00:00Z`), timeZone: 'Asia/Shanghai' });

/** 收入稳定高于监测线半年, read from the dated history rather than the latest figure. */
describe('incomeStability', () => {
  it('is stable once every figure has stayed above the line for six months', () => {
    const h = [rec('2026-01-05', 6000), rec('2026-03-01', 8000), rec('2026-06-01', 8400), rec('2026-08-20', 9000)];
    expect(incomeStability(h, rule('2026-08-31'))).toMatchObject({ stable: false, aboveSince: h[1]!.at });
    expect(incomeStability(h, rule('2026-08-31')).reason).toContain('2026-03-01');
    expect(incomeStability(h, rule('2026-09-01'))).toMatchObject({ stable: true, reason: '', latest: h[3] });
  });

  it('starts the run again after a figure at or below the line', () => {
    const h = [rec('2025-10-01', 9000), rec('2026-02-01', 7100), rec('2026-04-01', 9500), rec('2026-09-01', 9600)];
    const s = incomeStability(h, rule('2026-09-15'));
    expect(s.stable).toBe(false);
    expect(s.aboveSince).toEqual(h[2]!.at);
    expect(incomeStability(h, rule('2026-10-01')).stable).toBe(true);
  });

  it('is not stable when the latest figure is below the line, there is none, or only one old figure', () => {
    expect(incomeStability([rec('2025-01-01', 9000), rec('2026-05-01', 6900)], rule('2026-12-01'))).toMatchObject({
      stable: false,
      aboveSince: null,
    });
    expect(incomeStability([], rule('2026-12-01')).reason).toContain('没有收入记录');
    const one = incomeStability([rec('2025-01-01', 9000)], rule('2026-12-01'));
    expect(one.stable).toBe(false);
    expect(one.reason).toContain('再核实一次');
  });

  it('ignores figures dated after now, whatever order they come in', () => {
    const h = [rec('2026-11-01', 6000), rec('2026-01-01', 8000), rec('2026-07-01', 8100)];
    expect(incomeStability(h, rule('2026-08-01')).stable).toBe(true);
    expect(incomeStability(h, rule('2026-11-02')).stable).toBe(false);
  });
});
