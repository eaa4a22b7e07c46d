import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { showMonthlyAnalysis } from '../../src/domain/use-cases/show-monthly-analysis.js';
import { monthlyAnalysisWorkbook } from '../../src/files/monthly-analysis-xlsx.js';
import { FACTS, NOW } from '../helpers/statistics-fixture.js';

const TZ = 'Asia/Shanghai';

/** The monthly report of the hand-counted county (tests/domain/statistics.test.ts): the same figures, as numbers. */
describe('monthly analysis workbook', () => {
  it('carries November 2026 of the fixture county as numbers', async () => {
    const windows: unknown[] = [];
    const deps = {
      timeZone: TZ,
      monitoringLine: 7100,
      statistics: {
        statisticsFacts: async (_scope: unknown, w: unknown) => {
          windows.push(w);
          return structuredClone(FACTS);
        },
      },
    };
    const a = await showMonthlyAnalysis(deps, { townshipId: null }, '2026-11', NOW);
    expect(windows).toEqual([
      expect.objectContaining({ from: new Date('2025-11-30T16:00:00Z'), to: new Date('2026-11-30T16:00:00Z') }),
    ]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await monthlyAnalysisWorkbook(a, '全县', TZ)) as unknown as ArrayBuffer);
    const summary = wb.getWorksheet('本月概况')!;
    const row = (r: number) => (summary.getRow(r).values as unknown[]).slice(1);
    expect(row(2)).toEqual(['全县 2026-11 新识别监测对象', 1, 5]);
    expect(row(3)).toEqual(['本月风险消除', 1, 4]);
    expect(row(4)).toEqual(['月末风险未消除', 2, 8]);
    expect(row(5)).toEqual(['首条线索到签收（小时，中位数）', undefined, undefined, 10]);
    expect(row(6)).toEqual(['首条线索到入户核实（小时，中位数）', undefined, undefined, 24]);
    expect(row(7)).toEqual(['首条线索到纳入监测（小时，中位数）']); // none in November: an empty cell, not 0
    expect(row(10)).toEqual(['零返贫核查：低于监测线且无人处置', 1]);
    const channels = wb.getWorksheet('预警渠道')!;
    const byName = new Map<string, unknown[]>();
    channels.eachRow((r, n) => n > 1 && byName.set(String(r.getCell(1).value), (r.values as unknown[]).slice(2)));
    // November only: 医保局's below-standard row, the cadre's 不纳入, the hotline's open case.
    expect(byName.get('部门筛查预警')).toEqual([1, 0, 0, 1, 0, 0]);
    expect(byName.get('干部排查')).toEqual([1, 0, 1, 0, 0, 0]);
    expect(byName.get('12317 热线')).toEqual([1, 0, 0, 0, 1, 0]);
    const months = wb.getWorksheet('按月')!;
    expect((months.getRow(13).values as unknown[]).slice(1)).toEqual(['2026-11', 1, 5, 1, 4, 2, 8]);
    const weeks = wb.getWorksheet('走访合规')!;
    expect(weeks.getRow(2).getCell(1).value).toBeInstanceOf(Date);
    expect(weeks.getRow(2).getCell(4).value).toBe(1);
  });
});
