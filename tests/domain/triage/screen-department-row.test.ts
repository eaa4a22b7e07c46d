import { describe, expect, it } from 'vitest';
import type { DeptKind } from '../../../src/domain/policy.js';
import { monthsCovered, screenDepartmentRow } from '../../../src/domain/triage/screen-department-row.js';
import type { HouseholdStatus } from '../../../src/domain/types.js';
import { loadPolicy } from '../../../src/load-policy.js';

const policy = loadPolicy('policy/default.json');
const screen = (kind: DeptKind, text: string, amountYuan: number | null, status: HouseholdStatus | null) =>
  screenDepartmentRow({ kind, text, amountYuan }, status, policy);

describe('screenDepartmentRow: medical self-paid by household status', () => {
  it.each([
    ['lifted', 5000, 'alert'],
    ['lifted', 4999, 'below_threshold'],
    ['monitored', 6100, 'alert'],
    ['monitored', 3000, 'below_threshold'],
    ['ordinary', 3000, 'below_threshold'],
    ['ordinary', 19999, 'below_threshold'],
    ['ordinary', 20000, 'alert'],
    [null, 12000, 'below_threshold'],
    [null, 23800, 'alert'],
  ] as const)('%s household, 住院自付 %d → %s', (status, amount, verdict) => {
    expect(screen('medical_cost', '2026年1-10月住院自付费用', amount, status).verdict).toBe(verdict);
  });

  it('names the figure and the standard in Chinese', () => {
    const s = screen('medical_cost', '住院自付', 3000, 'ordinary');
    expect(s.reason).toBe('医疗自付3,000元，未达一般户20,000元的预警标准。');
    expect(s).toMatchObject({ measure: 'inpatient_self_paid', amountYuan: 3000, thresholdYuan: 20000 });
  });

  it('reads the self-paid part from the description when the amount column is empty', () => {
    const s = screen('medical_cost', '住院总费用9.6万元，统筹报销6.8万元，个人自付2.8万元', null, 'ordinary');
    expect(s).toMatchObject({ verdict: 'alert', amountYuan: 28000 });
  });

  it('a row with no sum at all is not screened out', () => {
    expect(screen('medical_cost', '住院', null, 'ordinary').verdict).toBe('alert');
  });
});

describe('screenDepartmentRow: outpatient chronic costs are monthly', () => {
  it.each([
    ['2026年1-10月门诊慢特病自付', 3200, 'below_threshold', 320],
    ['2026年1-10月门诊慢特病自付', 6000, 'alert', 600],
    ['门诊慢病月均自付', 520, 'alert', 520],
    ['近3个月门诊购药自付', 1200, 'below_threshold', 400],
    ['门诊慢病年度自付', 7200, 'alert', 600],
  ] as const)('%s %d → %s (%d a month)', (text, amount, verdict, monthly) => {
    const s = screen('medical_cost', text, amount, 'lifted');
    expect(s).toMatchObject({ verdict, measure: 'outpatient_monthly', amountYuan: monthly });
  });

  it('the status does not change the outpatient standard', () => {
    expect(screen('medical_cost', '门诊慢病每月自付', 450, 'ordinary').verdict).toBe('below_threshold');
    expect(screen('medical_cost', '门诊慢病每月自付', 450, 'monitored').verdict).toBe('below_threshold');
  });
});

describe('screenDepartmentRow: schooling beyond compulsory education is over 10,000', () => {
  it.each([
    ['高中学费住宿费自付', 10000, 'below_threshold'],
    ['大学学费及生活费', 10001, 'alert'],
    ['中职学费', 6000, 'below_threshold'],
  ] as const)('%s %d → %s', (text, amount, verdict) => {
    expect(screen('other', text, amount, 'lifted')).toMatchObject({ verdict, measure: 'schooling_self_paid' });
  });
});

describe('screenDepartmentRow: low income against the monitoring and observation lines', () => {
  it.each([
    [6500, 'alert'],
    [7099, 'alert'],
    [7100, 'observe'],
    [8000, 'observe'],
    [8121, 'observe'],
    [8122, 'below_threshold'],
    [12000, 'below_threshold'],
  ] as const)('人均纯收入 %d → %s', (income, verdict) => {
    expect(screen('low_income', '年人均纯收入', income, 'ordinary').verdict).toBe(verdict);
  });

  it('reads the income from the description', () => {
    const s = screen('low_income', '经核算家庭人均纯收入7800元', null, null);
    expect(s).toMatchObject({ verdict: 'observe', amountYuan: 7800 });
    expect(s.reason).toContain('观察');
  });
});

describe('screenDepartmentRow: kinds without a money standard', () => {
  it.each(['dropout', 'unsafe_house', 'no_water', 'job_loss', 'disaster', 'death_or_accident'] as const)(
    '%s passes to the classifier',
    (kind) => {
      expect(screen(kind, '说明', null, 'ordinary').verdict).toBe('alert');
    },
  );
});

describe('monthsCovered', () => {
  it.each([
    ['2026年1-10月', 10],
    ['3月至5月', 3],
    ['近三个月', 3],
    ['每月', 1],
    ['全年', 12],
    ['住院', null],
  ] as const)('%s → %s', (text, n) => {
    expect(monthsCovered(text)).toBe(n);
  });
});
