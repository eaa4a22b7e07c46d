import { STATE_LABEL, type CaseState } from '../cases/case-lifecycle.js';
import { RISK_LABEL, type RiskType } from '../policy.js';
import type { SimVillagerState } from '../ports/simulator.js';
import { maskIdNumber, maskPhone, maskSecrets } from '../privacy.js';
import type { Classification } from '../triage/classify-report.js';
import { whyLine } from '../triage/why-line.js';

/** One line of the simulator's side panel: what the dialog understood so far. */
export interface SimFact {
  key: string;
  label: string;
  value: string;
}

const NOT_YET = '—';
const risks = (types: readonly string[]) => types.map((t) => RISK_LABEL[t as RiskType] ?? t).join('、') || NOT_YET;
const ROLE: Record<string, string> = {
  helper: '帮扶责任人',
  village: '包村干部',
  township: '包片领导',
  county: '县乡村振兴局',
};

/**
 * What the villager dialog understood (like RapidPro's simulator shows a contact's fields): who, the
 * village, the phone (masked, as everywhere), the risk types, urgency and why, from the draft while it
 * is gathered (classified as triage would) and from the case once it is opened.
 */
export function villagerFacts(s: SimVillagerState, draftReading: Classification | null): SimFact[] {
  const d = s.draft;
  const c = s.case;
  const who = d?.name ? `${d.name}${d.forOther ? '（帮别人报）' : ''}` : d?.forOther ? '（帮别人报）' : NOT_YET;
  const village = d?.village ?? (d?.villageName ? `${d.villageName}（扫码）` : NOT_YET);
  const riskTypes = c ? c.riskTypes : (draftReading?.riskTypes ?? []);
  const urgency = c?.urgency ?? (draftReading?.riskTypes.length ? draftReading.urgency : null);
  const why = c
    ? whyLine(c.rulesFired, 60)
    : draftReading?.riskTypes.length
      ? whyLine(draftReading.rulesFired, 60)
      : '';
  const facts: SimFact[] = [
    { key: 'who', label: '谁', value: who },
    { key: 'village', label: '村', value: village },
    { key: 'phone', label: '电话', value: d?.phone ? maskPhone(d.phone) : NOT_YET },
    { key: 'id', label: '身份证号', value: d?.idNumber ? maskIdNumber(d.idNumber) : NOT_YET },
    { key: 'risk', label: '风险类型', value: risks(riskTypes) },
    { key: 'urgency', label: '紧急程度', value: urgency === 'green' ? '绿色通道' : urgency ? '一般' : NOT_YET },
    { key: 'why', label: '为什么', value: why || NOT_YET },
    { key: 'told', label: '说了什么', value: d?.description.length ? told(d.description) : NOT_YET },
  ];
  if (c)
    facts.push(
      { key: 'case', label: '案件', value: `${c.number}（${STATE_LABEL[c.state as CaseState] ?? c.state}）` },
      {
        key: 'household',
        label: '对应农户',
        value: c.household ? `${c.household.head}（${c.household.id}）` : '待核实',
      },
      { key: 'holder', label: '谁在处理', value: c.holder ?? NOT_YET },
    );
  return facts;
}

function told(lines: readonly string[]): string {
  const all = maskSecrets(lines.join(' / '));
  return all.length > 80 ? `${all.slice(0, 79)}…` : all;
}

/** A cadre's side panel: who they are to the app, what they are in charge of, their open tasks. */
export function cadreFacts(c: { name: string; role: string; charge: string | null; openTasks: number }): SimFact[] {
  return [
    { key: 'who', label: '谁', value: c.name },
    { key: 'role', label: '职务', value: ROLE[c.role] ?? c.role },
    { key: 'charge', label: '负责', value: c.charge ?? (c.role === 'county' ? '全县' : NOT_YET) },
    { key: 'tasks', label: '待办任务', value: `${c.openTasks} 件` },
  ];
}

export const simRoleLabel = (role: string) => ROLE[role] ?? role;
