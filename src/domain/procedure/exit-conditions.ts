import { localDateString } from '../local-time.js';
import type { Policy, RiskType } from '../policy.js';
import { RISK_LABEL } from '../policy.js';
import type { Labour } from '../types.js';

/** 风险消除方式 as the national system records it. */
export const REMOVAL_MODES = ['assisted', 'natural'] as const;
export type RemovalMode = (typeof REMOVAL_MODES)[number];
export const REMOVAL_MODE_LABEL: Record<RemovalMode, string> = { assisted: '帮扶消除', natural: '自然消除' };

/** One dated per-capita income figure (核实, 走访, 电话, or a department's data). */
export interface IncomeRecord {
  at: Date;
  yuan: number;
  source: string;
}

/** One assistance measure as the exit check reads it. */
export interface ExitMeasure {
  /** The measure's type (产业帮扶, 医疗救助…) when it has one. */
  type?: string | null;
  text: string;
  /** In place (落实中 or 已落实); 计划 and 无效 are not. */
  done: boolean;
}

export interface ExitFacts {
  mode: RemovalMode;
  /** When the household was 纳入监测 (null: no record of it). */
  includedAt: Date | null;
  incomes: readonly IncomeRecord[];
  measures: readonly ExitMeasure[];
  /** Each member's labour as registered (null = not registered yet). */
  members: ReadonlyArray<{ labour: Labour | null }>;
  riskTypes: readonly RiskType[];
  now: Date;
  timeZone: string;
}

/**
 * Why the household cannot be proposed for 风险消除 yet (empty = it can), by the published conditions:
 * monitored at least half a year with a measure carried out; income stably above the monitoring line for
 * the policy's months; large rigid spending resolved and 三保障 and water secure (each gap closed by a
 * measure); a household with nobody able to work stays monitored (兜底).
 */
export function exitBlockers(f: ExitFacts, policy: Policy): string[] {
  const out: string[] = [];
  const months = policy.removal.minMonthsSinceInclusion;
  if (!f.includedAt) out.push('没有纳入监测的记录，无法确认已满监测期');
  else if (f.now < addMonths(f.includedAt, months))
    out.push(
      `纳入监测未满 ${months} 个月（${day(f.includedAt, f)} 纳入，${day(addMonths(f.includedAt, months), f)} 起可申请）`,
    );
  if (!f.measures.some((m) => m.done)) out.push('还没有落实中或已落实的帮扶措施');
  out.push(...incomeBlockers(f, policy));
  for (const gap of openGaps(f, policy)) out.push(`「${RISK_LABEL[gap]}」的问题还没有对应的帮扶措施`);
  const labours = f.members.map((m) => m.labour);
  if (labours.length === 0 || labours.every((l) => l === null))
    out.push('家庭成员的劳动能力还没有登记，请先登记家庭成员');
  else if (!labours.some((l) => l === 'full' || l === 'partial'))
    out.push('整户无劳动能力，按规定继续监测、兜底保障，不标注风险消除');
  return out;
}

/**
 * Income stably above the line for `stableIncomeMonths`: the latest figure is above it, and so is every
 * figure since the streak began, which began at least that many months ago.
 */
export function incomeBlockers(f: Pick<ExitFacts, 'incomes' | 'now' | 'timeZone'>, policy: Policy): string[] {
  const line = policy.lines.monitoring;
  const months = policy.procedure.stableIncomeMonths;
  const sorted = [...f.incomes].filter((r) => r.at <= f.now).sort((a, b) => a.at.getTime() - b.at.getTime());
  const latest = sorted.at(-1);
  if (!latest) return [`没有收入记录，请在核实、走访或电话中写明人均纯收入（须稳定高于监测线 ${line} 元）`];
  if (latest.yuan <= line)
    return [`最近一次人均纯收入 ${latest.yuan} 元（${day(latest.at, f)}）未高于监测线 ${line} 元`];
  const lastBelow = sorted.filter((r) => r.yuan <= line).at(-1);
  const streakStart = sorted.find((r) => r.yuan > line && (!lastBelow || r.at > lastBelow.at))!;
  const from = addMonths(streakStart.at, months);
  if (f.now < from) {
    const why = lastBelow
      ? `${day(lastBelow.at, f)} 还是 ${lastBelow.yuan} 元`
      : `最早的收入记录是 ${day(streakStart.at, f)}`;
    return [`收入高于监测线未满 ${months} 个月（${why}，${day(from, f)} 起才满 ${months} 个月）`];
  }
  return [];
}

function openGaps(f: ExitFacts, policy: Policy): RiskType[] {
  const gaps = policy.removal.guaranteeMeasures;
  return f.riskTypes.filter((t) => {
    const words = gaps[t];
    return (
      words !== undefined &&
      !f.measures.some((m) => m.done && words.some((w) => `${m.type ?? ''} ${m.text}`.includes(w)))
    );
  });
}

const day = (d: Date, f: { timeZone: string }) => localDateString(d, f.timeZone);

/** The same day of the month, `n` months on (the 31st becomes the month's last day). */
export function addMonths(d: Date, n: number): Date {
  const out = new Date(d);
  out.setUTCDate(1);
  out.setUTCMonth(out.getUTCMonth() + n);
  const last = new Date(Date.UTC(out.getUTCFullYear(), out.getUTCMonth() + 1, 0)).getUTCDate();
  out.setUTCDate(Math.min(d.getUTCDate(), last));
  return out;
}
