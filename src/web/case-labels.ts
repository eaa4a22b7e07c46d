import { STATE_LABEL, type CaseState } from '../domain/cases/case-lifecycle.js';
import { RISK_LABEL, type RiskType } from '../domain/policy.js';
import { WARNING_HIGH } from '../domain/triage/warning-score.js';

/** The words the console and its exports use for codes kept in the store. */
export const stateLabel = (s: string) => STATE_LABEL[s as CaseState] ?? s;
export const riskLabels = (types: string[]) => types.map((t) => RISK_LABEL[t as RiskType] ?? t).join('、') || '待核实';
export const HOUSEHOLD_STATUS: Record<string, string> = { ordinary: '一般户', lifted: '脱贫户', monitored: '监测户' };
export const MONITORING_KIND: Record<string, string> = {
  unstable: '脱贫不稳定户',
  edge: '边缘易致贫户',
  sudden: '突发严重困难户',
};
export const LABOUR: Record<string, string> = {
  full: '普通劳动力',
  partial: '弱劳动力',
  lost: '丧失劳动力',
  none: '无劳动力',
};
export const scoreLevel = (score: number) => (score >= WARNING_HIGH ? '高' : score >= 30 ? '中' : '低');
