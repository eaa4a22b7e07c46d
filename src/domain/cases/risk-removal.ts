import type { Policy, RiskType } from '../policy.js';
import { RISK_LABEL } from '../policy.js';
import { localDateString } from '../local-time.js';

export interface RemovalFacts {
  /** Assistance measures recorded for the case (一户一策). */
  measures: readonly string[];
  /** Latest per-capita yearly income estimate, yuan. */
  incomePerCapita: number | null;
  riskTypes: readonly RiskType[];
  /** At least one member who can work (普通 or 弱劳动力); null when no member's labour is registered yet. */
  hasLabour: boolean | null;
  /** When the case was 纳入监测 (null: no record of it). */
  includedAt: Date | null;
  now: Date;
  timeZone: string;
}

/**
 * Why the risk can't be marked removed yet (empty = it can). A guarantee gap (school, housing, water,
 * a missing benefit) counts as closed once a measure names what fixed it, by the policy's keywords.
 */
export function riskRemovalBlockers(f: RemovalFacts, policy: Policy): string[] {
  const out: string[] = [];
  const line = policy.lines.monitoring;
  if (f.measures.length === 0) out.push('还没有登记帮扶措施（帮扶 编号 措施）');
  if (f.incomePerCapita === null)
    out.push(`没有收入核实数据，请在核实或走访中写明人均纯收入（须高于监测线 ${line} 元）`);
  else if (f.incomePerCapita <= line) out.push(`人均纯收入 ${f.incomePerCapita} 元未高于监测线 ${line} 元`);
  for (const gap of openGaps(f, policy)) out.push(`「${RISK_LABEL[gap]}」保障缺口还没有对应措施`);
  if (f.hasLabour === false) out.push('家庭无劳动力，按规定不标注风险消除，继续帮扶');
  if (f.hasLabour === null) out.push('家庭成员的劳动能力还没有登记，请先导入家庭成员（import members）');
  const months = policy.removal.minMonthsSinceInclusion;
  if (months > 0) {
    const from = f.includedAt && addMonths(f.includedAt, months);
    if (!from) out.push('没有纳入监测的记录，无法确认已满监测期');
    else if (f.now < from) {
      out.push(
        `纳入监测未满 ${months} 个月（${localDateString(f.includedAt!, f.timeZone)} 纳入，${localDateString(from, f.timeZone)} 起可标注）`,
      );
    }
  }
  return out;
}

/** The same day of the month, `n` months on (the 31st becomes the month's last day). */
function addMonths(d: Date, n: number): Date {
  const out = new Date(d);
  out.setUTCDate(1);
  out.setUTCMonth(out.getUTCMonth() + n);
  const last = new Date(Date.UTC(out.getUTCFullYear(), out.getUTCMonth() + 1, 0)).getUTCDate();
  out.setUTCDate(Math.min(d.getUTCDate(), last));
  return out;
}

function openGaps(f: RemovalFacts, policy: Policy): RiskType[] {
  const gaps = policy.removal.guaranteeMeasures;
  return f.riskTypes.filter((t) => {
    const keywords = gaps[t];
    return keywords !== undefined && !f.measures.some((m) => keywords.some((k) => m.includes(k)));
  });
}
