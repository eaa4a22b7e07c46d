import type { DeptKind } from '../policy.js';
import type { MatchQuery } from './decide-match.js';

/** What triage needs from any channel, normalized from the inbox payload. */
export interface Report {
  channel: 'villager' | 'department' | 'hotline' | 'gov_app' | 'cadre';
  /** Department name for alerts, external user id for villagers, the cadre's userid for 干部排查. */
  reporter: string;
  text: string;
  kind?: DeptKind;
  amountYuan?: number | null;
  occurredAt?: string | null;
  /** Who the report is about: keys (household id, ID number, phone), a name and what corroborates it. */
  identity: MatchQuery;
  /** Media ids and the like, kept on the case as evidence references. */
  evidence?: Array<{ type: string; ref: string }>;
}

export const CHANNEL_LABEL: Record<Report['channel'], string> = {
  villager: '农户自主申报（微信）',
  department: '部门筛查预警',
  hotline: '12317 热线',
  gov_app: '找政府 App',
  cadre: '干部排查',
};
