import type { CaseEvent, CaseState } from '../domain/cases/case-lifecycle.js';
import type { RiskType } from '../domain/policy.js';
import type { MonitoringKind } from '../domain/types.js';
import type { DemoCounty } from './demo-county.js';
import { createRandom } from './random.js';

/** One past case of the demo county, with every step it went through (oldest first). */
export interface HistoryCase {
  householdId: string;
  villageId: string;
  cadre: string;
  channel: 'villager' | 'cadre' | 'department' | 'hotline';
  department: string | null;
  text: string;
  riskTypes: RiskType[];
  urgency: 'normal' | 'green';
  kind: MonitoringKind;
  state: CaseState;
  openedAt: Date;
  steps: Array<{ event: CaseEvent; from: CaseState; to: CaseState; at: Date; actor: string }>;
  /** The task waiting for a step (签收 / 核实 / 处置 / 回头看), or null when none is. */
  openTask: { step: 'ack' | 'verify' | 'decide' | 'review'; dueAt: Date } | null;
  /** Incomes recorded at the home check and at risk removal (yuan per person per year). */
  incomes: Array<{ at: Date; yuan: number }>;
}

/** A warning that stayed below its department's standard (未达预警标准): no case. */
export interface HistorySignal {
  householdId: string;
  villageId: string;
  department: string;
  at: Date;
  amount: number;
  threshold: number;
}

export interface HistoryVisit {
  householdId: string;
  cadre: string;
  dueAt: Date;
  at: Date;
}

export interface DemoHistory {
  cases: HistoryCase[];
  belowThreshold: HistorySignal[];
  visits: HistoryVisit[];
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const DEPARTMENTS: Array<{ name: string; risks: RiskType[]; text: string }> = [
  { name: '医保局', risks: ['illness_disaster_accident', 'expense_jump'], text: '住院自付医疗费用较高' },
  { name: '教育局', risks: ['dropout'], text: '义务教育阶段学生未入学' },
  { name: '住建局', risks: ['housing'], text: '农房安全鉴定为C级危房' },
  { name: '民政局', risks: ['policy_gap'], text: '低保待遇停发待核实' },
  { name: '人社局', risks: ['income_drop'], text: '务工人员返乡失业' },
  { name: '水务局', risks: ['water'], text: '季节性缺水' },
];
const VILLAGER = [
  { risks: ['illness_disaster_accident', 'expense_jump'] as RiskType[], text: '家里老人住院了，花了好几万' },
  { risks: ['income_drop'] as RiskType[], text: '厂里裁员，没有收入了' },
  { risks: ['housing'] as RiskType[], text: '下大雨房子墙裂了，漏雨' },
  { risks: ['illness_disaster_accident', 'income_drop'] as RiskType[], text: '冰雹把庄稼打完了' },
];

/**
 * About a year of past work in the demo county up to `now`, the same for the same seed and instant:
 * reports and warnings through 签收, 核实, 纳入 or 不纳入, 帮扶, 风险消除 and 回头看, warnings below
 * standard, and weekly visits to the households under monitoring. Roughly one case per 12 households.
 */
export function demoHistory(county: DemoCounty, now: Date, seed = 2026): DemoHistory {
  const rnd = createRandom(seed ^ 0x5eed);
  const helperOf = new Map(county.links.filter((l) => l.kind === 'household').map((l) => [l.targetId, l.cadreUserid]));
  const cadreOf = (h: { id: string; villageId: string }) => helperOf.get(h.id) ?? `bc-${h.villageId}`;
  const history: DemoHistory = { cases: [], belowThreshold: [], visits: [] };
  const taken = new Set<string>();
  const count = Math.max(8, Math.round(county.households.length / 12));
  for (let i = 0; i < count * 3 && history.cases.length < count; i++) {
    const h = rnd.pick(county.households);
    if (taken.has(h.id) || h.status === 'monitored') continue;
    taken.add(h.id);
    history.cases.push(pastCase(rnd, h, cadreOf(h), now));
  }
  for (let i = 0; i < Math.round(count / 2); i++) {
    const h = rnd.pick(county.households);
    const dept = rnd.chance(0.7) ? DEPARTMENTS[0]! : rnd.pick(DEPARTMENTS);
    const threshold = dept.name === '医保局' ? (h.status === 'lifted' ? 5000 : 20000) : 10000;
    history.belowThreshold.push({
      householdId: h.id,
      villageId: h.villageId,
      department: dept.name,
      at: new Date(now.getTime() - rnd.int(1, 360) * DAY - rnd.int(0, 23) * HOUR),
      amount: rnd.int(Math.round(threshold * 0.3), threshold - 1),
      threshold,
    });
  }
  // Weekly visits over the last twelve weeks to the households under monitoring: most on time, some late.
  for (const c of history.cases) {
    const included = c.steps.find((s) => s.event === 'include')?.at;
    if (!included) continue;
    for (let w = 12; w >= 1; w--) {
      const dueAt = new Date(now.getTime() - w * 7 * DAY + 3 * DAY);
      if (dueAt < included) continue;
      const at = new Date(dueAt.getTime() + (rnd.chance(0.82) ? -rnd.int(0, 48) : rnd.int(72, 220)) * HOUR);
      if (at < now) history.visits.push({ householdId: c.householdId, cadre: c.cadre, dueAt, at });
    }
  }
  history.cases.sort((a, b) => a.openedAt.getTime() - b.openedAt.getTime());
  return history;
}

type Rnd = ReturnType<typeof createRandom>;

function pastCase(rnd: Rnd, h: DemoCounty['households'][number], cadre: string, now: Date): HistoryCase {
  const roll = rnd.next();
  const channel = roll < 0.45 ? 'department' : roll < 0.75 ? 'villager' : roll < 0.95 ? 'cadre' : 'hotline';
  const dept = channel === 'department' ? rnd.pick(DEPARTMENTS) : null;
  const story = dept ?? rnd.pick(VILLAGER);
  const openedAt = new Date(now.getTime() - rnd.int(1, 355) * DAY - rnd.int(0, 23) * HOUR);
  const green = story.risks.includes('illness_disaster_accident') && rnd.chance(0.15);
  const c: HistoryCase = {
    householdId: h.id,
    villageId: h.villageId,
    cadre,
    channel,
    department: dept?.name ?? null,
    text: story.text,
    riskTypes: [...story.risks],
    urgency: green ? 'green' : 'normal',
    kind: h.status === 'lifted' ? 'unstable' : green ? 'sudden' : 'edge',
    state: 'reported',
    openedAt,
    steps: [],
    openTask: null,
    incomes: [],
  };
  let t = openedAt.getTime();
  // Each step after the last, unless its time has not come yet: the case then waits there.
  // A few recent cases are stuck where a cadre has not acted: the overdue tasks of the dashboard.
  const recent = now.getTime() - openedAt.getTime() < 60 * DAY;
  const step = (event: CaseEvent, to: CaseState, afterHours: number, actor = cadre): boolean => {
    const at = t + afterHours * HOUR;
    if (at >= now.getTime() || (recent && actor === cadre && rnd.chance(0.12))) return false;
    c.steps.push({ event, from: c.state, to, at: new Date(at), actor });
    c.state = to;
    t = at;
    return true;
  };
  const wait = (s: 'ack' | 'verify' | 'decide' | 'review', hours: number) => {
    c.openTask = { step: s, dueAt: new Date(t + hours * HOUR) };
    return c;
  };
  step('assign', 'assigned', 0, 'system');
  if (!step('acknowledge', 'acknowledged', rnd.int(1, green ? 2 : 30))) return wait('ack', green ? 2 : 48);
  if (!step('verify', 'verified', rnd.int(10, 70))) return wait('verify', 48);
  const low = rnd.int(4800, 7000);
  c.incomes.push({ at: new Date(t), yuan: rnd.chance(0.65) ? low : rnd.int(7600, 14000) });
  if (c.incomes[0]!.yuan >= 7100 && !green) {
    if (!step('exclude', 'not_included', rnd.int(24, 120))) return wait('decide', 15 * 24);
    return c;
  }
  // 拟纳入 → 民主评议, 公示, 乡镇审核 → 县级确认 within about two weeks.
  if (!step('propose', 'proposed', rnd.int(12, 48))) return wait('decide', 15 * 24);
  if (!step('include', 'included', rnd.int(7 * 24, 13 * 24), 'county-office')) {
    // The procedure would still be open: the demo keeps no procedure rows, so it stays at 核实.
    c.steps.pop();
    c.state = 'verified';
    return wait('decide', 15 * 24);
  }
  if (!step('assist', 'assisting', rnd.int(24, 96))) return c;
  if (rnd.chance(0.35)) return c;
  if (!step('propose_removal', 'removal_proposed', rnd.int(185 * 24, 220 * 24))) return c;
  if (!step('remove_risk', 'risk_removed', rnd.int(8 * 24, 14 * 24), 'county-office')) {
    c.steps.pop();
    c.state = 'assisting';
    return c;
  }
  c.incomes.push({ at: new Date(t), yuan: rnd.int(8600, 13000) });
  if (!step('review', 'reviewed', rnd.int(25 * 24, 40 * 24))) return wait('review', 30 * 24);
  return c;
}
