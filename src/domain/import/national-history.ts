import { z } from 'zod';
import type { MeasureType } from '../assistance/measure.js';
import type { RiskType } from '../policy.js';
import { MEASURE_COLUMNS, MEASURE_NAME, NATIONAL_RISK } from '../register/national-layout.js';
import type { MonitoringKind } from '../types.js';

/**
 * The case-history columns of a national-layout 户信息 sheet (README: 上报导出): its 致贫/返贫风险1–5,
 * 识别监测时间, 风险是否已消除, 风险消除方式, 消除监测时间 and the measure-category columns. All optional:
 * a households file without them imports as before.
 */
export const HISTORY_COLUMNS: Record<string, string[]> = {
  ...Object.fromEntries([1, 2, 3, 4, 5].map((i) => [`risk_${i}`, [`致贫/返贫风险${i}`, `致贫返贫风险${i}`]])),
  included_at: ['识别监测时间', '纳入监测时间'],
  risk_removed: ['风险是否已消除'],
  removal_mode: ['风险消除方式'],
  removed_at: ['消除监测时间', '风险消除时间'],
  ...Object.fromEntries(MEASURE_COLUMNS.map((m, i) => [`measure_${i}`, [m.header]])),
};

const RISK_BY_NAME: Record<string, RiskType> = {
  ...Object.fromEntries(Object.entries(NATIONAL_RISK).map(([k, v]) => [v, k as RiskType])),
  因灾: 'illness_disaster_accident',
  因自然灾害: 'illness_disaster_accident',
};
const MEASURE_BY_NAME: Record<string, MeasureType> = Object.fromEntries(
  Object.entries(MEASURE_NAME).map(([k, v]) => [v, k as MeasureType]),
);

const text = z.string().transform((s) => s.trim());

const risk = (i: number) =>
  text.transform((s, ctx): RiskType | null => {
    if (!s) return null;
    const v = RISK_BY_NAME[s];
    if (!v) {
      const allowed = Object.keys(RISK_BY_NAME).join('、');
      ctx.addIssue({ code: 'custom', message: `致贫/返贫风险${i}“${s}”无法识别，可填：${allowed}` });
      return z.NEVER;
    }
    return v;
  });

/** 202603, 2026-03, 20260315, 2026-03-15 → that day at noon China time (a month alone: its 15th). */
export function monthOrDay(s: string): Date | null {
  const m = /^(\d{4})[-/.年]?(\d{1,2})(?:[-/.月]?(\d{1,2})日?)?$/.exec(s) ?? /^(\d{4})(\d{2})(\d{2})?$/.exec(s);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), m[3] ? Number(m[3]) : 15];
  const date = new Date(Date.UTC(y, mo - 1, d, 4));
  return y < 1990 || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d ? null : date;
}
const date = (label: string) =>
  text.transform((s, ctx): Date | null => {
    if (!s) return null;
    const d = monthOrDay(s);
    if (!d) ctx.addIssue({ code: 'custom', message: `${label}“${s}”无法识别，请写成 202603 或 2026-03-15` });
    return d ?? z.NEVER;
  });

const measures = (header: string) =>
  text.transform((s, ctx): MeasureType[] => {
    const out: MeasureType[] = [];
    for (const name of s.split(/[、,，;；\s]+/).filter(Boolean)) {
      const v = MEASURE_BY_NAME[name];
      if (v) out.push(v);
      else
        ctx.addIssue({
          code: 'custom',
          message: `${header}“${name}”无法识别，可填：${Object.keys(MEASURE_BY_NAME).join('、')}`,
        });
    }
    return out;
  });

const yesNo = text.transform((s, ctx): boolean | null => {
  if (!s) return null;
  if (s === '是' || s === '否') return s === '是';
  ctx.addIssue({ code: 'custom', message: `风险是否已消除“${s}”无法识别，请填“是”或“否”` });
  return z.NEVER;
});
const mode = text.transform((s, ctx): 'assisted' | 'natural' | null => {
  if (!s) return null;
  if (s === '帮扶消除' || s === '自然消除') return s === '自然消除' ? 'natural' : 'assisted';
  ctx.addIssue({ code: 'custom', message: `风险消除方式“${s}”无法识别，请填“帮扶消除”或“自然消除”` });
  return z.NEVER;
});

const FIELDS: Record<string, z.ZodTypeAny> = {
  ...Object.fromEntries([1, 2, 3, 4, 5].map((i) => [`risk_${i}`, risk(i)])),
  included_at: date('识别监测时间'),
  risk_removed: yesNo,
  removal_mode: mode,
  removed_at: date('消除监测时间'),
  ...Object.fromEntries(MEASURE_COLUMNS.map((m, i) => [`measure_${i}`, measures(m.header)])),
};

/** The monitoring record a national-layout row carries for its household. */
export interface CaseHistory {
  householdId: string;
  riskTypes: RiskType[];
  kind: MonitoringKind | null;
  includedAt: Date | null;
  removedAt: Date | null;
  removalMode: 'assisted' | 'natural' | null;
  measureTypes: MeasureType[];
}
export type RowHistory = Omit<CaseHistory, 'householdId' | 'kind'>;

/**
 * A households row's history cells (missing columns read as empty), checked against each other: the
 * record they carry, or null when they carry none (not a national-layout file, or a blank record).
 */
export const HistoryRow = z
  .object(FIELDS)
  .superRefine((r, ctx) => {
    const problem =
      r.risk_removed === true && !r.removed_at
        ? '风险已消除的，请填消除监测时间（如 202603）'
        : r.risk_removed === false && r.removed_at
          ? '风险是否已消除为“否”，消除监测时间应为空'
          : r.included_at && r.removed_at && r.removed_at < r.included_at
            ? '消除监测时间早于识别监测时间'
            : null;
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  })
  .transform((r): RowHistory | null => {
    const riskTypes = [
      ...new Set([1, 2, 3, 4, 5].map((i) => r[`risk_${i}`] as RiskType | null).filter((x) => x !== null)),
    ];
    const measureTypes = [...new Set(MEASURE_COLUMNS.flatMap((_, i) => r[`measure_${i}`] as MeasureType[]))];
    const includedAt = r.included_at as Date | null;
    const removedAt = r.removed_at as Date | null;
    if (!riskTypes.length && !measureTypes.length && !includedAt && !removedAt) return null;
    const removalMode = removedAt ? ((r.removal_mode as RowHistory['removalMode']) ?? 'assisted') : null;
    return { riskTypes, includedAt, removedAt, removalMode, measureTypes };
  });
