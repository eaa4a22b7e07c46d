import type { Policy } from '../policy.js';
import { RISK_LABEL, type RiskType } from '../policy.js';
import { MONITORING_LABEL, type HouseholdStatus, type MonitoringKind } from '../types.js';

export interface CategoryFacts {
  category: MonitoringKind;
  /** The household's status before it is monitored (一般户 / 脱贫户; 监测户 when it already is). */
  status: HouseholdStatus;
  /** Per-capita yearly income over the last 12 months, yuan; null when nobody has recorded one. */
  incomePerCapita: number | null;
  riskTypes: readonly RiskType[];
}

/**
 * Why the category does not fit the household (empty = it fits), by the published rules: 脱贫不稳定户
 * (a 脱贫户) and 边缘易致贫户 (an ordinary household) have income within the monitoring range;
 * 突发严重困难户 have income above it with large unavoidable spending or a sharp drop.
 */
export function categoryMismatch(f: CategoryFacts, policy: Policy): string[] {
  const line = policy.lines.monitoring;
  const label = MONITORING_LABEL[f.category];
  const out: string[] = [];
  if (f.incomePerCapita === null) {
    out.push(`还没有核实的人均纯收入，无法确认是否符合「${label}」（请在核实或走访中写明人均收入）`);
    return out;
  }
  const income = f.incomePerCapita;
  if (f.category === 'unstable' || f.category === 'edge') {
    if (income > line) out.push(`人均纯收入 ${income} 元高于监测线 ${line} 元，不在「${label}」的收入范围内`);
    if (f.category === 'unstable' && f.status === 'ordinary') out.push(`「${label}」须是脱贫户，该户是一般户`);
    if (f.category === 'edge' && f.status === 'lifted')
      out.push(`该户是脱贫户，应认定为「脱贫不稳定户」而不是「${label}」`);
    return out;
  }
  if (income <= line)
    out.push(`人均纯收入 ${income} 元未高于监测线 ${line} 元，应按「脱贫不稳定户」或「边缘易致贫户」认定`);
  const causes = policy.procedure.suddenRiskTypes as readonly string[];
  if (!f.riskTypes.some((t) => causes.includes(t)))
    out.push(
      `「${label}」须有较大刚性支出或收入大幅缩减（${causes.map((t) => RISK_LABEL[t as RiskType] ?? t).join('、')}），本案没有`,
    );
  return out;
}
