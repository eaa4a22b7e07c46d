import type { CampaignScope } from '../domain/campaign/campaign.js';
import { localMidnight, localParts } from '../domain/local-time.js';
import type { RiskType } from '../domain/policy.js';
import type { DemoCounty } from './demo-county.js';
import { type DemoHistory, demoHistory, type HistoryCase } from './demo-history.js';
import { createRandom } from './random.js';

/** One household of the demo campaign, with its result so far (null: not screened yet). */
export interface DemoCampaignItem {
  householdId: string;
  villageId: string;
  cadre: string;
  result: 'none' | 'risk' | null;
  note: string;
  via: 'chat' | 'upload';
  screenedAt: Date | null;
}

export interface DemoCampaign {
  name: string;
  scope: CampaignScope;
  startedAt: Date;
  deadline: Date;
  items: DemoCampaignItem[];
  /** Each found risk as the case triage opened for it (channel cadre), in the order of the risk items. */
  cases: HistoryCase[];
}

const TZ = 'Asia/Shanghai';
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const FOUND: Array<{ text: string; risks: RiskType[] }> = [
  { text: '孩子初中辍学在家，劝返还没有成功', risks: ['dropout'] },
  { text: '房屋墙体开裂，下雨漏雨', risks: ['housing'] },
  { text: '户主今年务工返乡，家里没有稳定收入', risks: ['income_drop'] },
  { text: '老人住院做手术，自付医药费2万多元', risks: ['illness_disaster_accident', 'expense_jump'] },
  { text: '自来水管冻裂，吃水要到村口去挑', risks: ['water'] },
  { text: '残疾人补贴停发了三个月', risks: ['policy_gap'] },
];
/** How far each village has got, so the chart shows some ahead and some behind. */
const VILLAGE_DONE = [0.92, 0.75, 0.58, 0.81, 0.35, 0.66, 0.47, 0.88, 0.24, 0.7];

/**
 * The demo county's running 集中排查: every 脱贫户 and 监测对象, started nine days ago and due in twelve,
 * each village part way through, about one in twenty-five screened households with a risk found (each
 * then a case waiting for its cadre, as triage would have opened it). The same for the same seed and instant.
 */
export function demoCampaign(county: DemoCounty, history: DemoHistory, now: Date, seed = 2026): DemoCampaign {
  const rnd = createRandom(seed ^ 0xca3);
  const day = localParts(new Date(now.getTime() - 9 * DAY), TZ);
  const startedAt = new Date(localMidnight(day.year, day.month, day.day, TZ).getTime() + 9 * HOUR);
  const deadline = localMidnight(day.year, day.month, day.day + 22, TZ);
  const helperOf = new Map(county.links.filter((l) => l.kind === 'household').map((l) => [l.targetId, l.cadreUserid]));
  const withCase = new Set(history.cases.map((c) => c.householdId));
  const villageIndex = new Map(county.villages.map((v, i) => [v.id, i]));
  const items: DemoCampaignItem[] = [];
  const cases: HistoryCase[] = [];
  const elapsed = now.getTime() - startedAt.getTime();
  for (const h of county.households) {
    if (h.status === 'ordinary') continue;
    const cadre = helperOf.get(h.id) ?? `bc-${h.villageId}`;
    const item: DemoCampaignItem = {
      householdId: h.id,
      villageId: h.villageId,
      cadre,
      result: null,
      note: '',
      via: 'chat',
      screenedAt: null,
    };
    items.push(item);
    if (!rnd.chance(VILLAGE_DONE[(villageIndex.get(h.villageId) ?? 0) % VILLAGE_DONE.length]!)) continue;
    // In working hours (9:00 to 19:59) of a day since the start, never later than now.
    const days = Math.floor(elapsed / DAY);
    const at = new Date(
      Math.min(
        now.getTime() - HOUR,
        startedAt.getTime() + rnd.int(0, days) * DAY + rnd.int(0, 10) * HOUR + rnd.int(0, 59) * 60_000,
      ),
    );
    Object.assign(item, { result: 'none', screenedAt: at, via: rnd.chance(0.2) ? 'upload' : 'chat' });
    if (withCase.has(h.id) || !rnd.chance(0.04)) continue;
    const found = rnd.pick(FOUND);
    Object.assign(item, { result: 'risk', note: found.text });
    const acknowledged = at.getTime() + 20 * HOUR < now.getTime() && rnd.chance(0.6);
    const steps: HistoryCase['steps'] = [{ event: 'assign', from: 'reported', to: 'assigned', at, actor: 'system' }];
    if (acknowledged)
      steps.push({
        event: 'acknowledge',
        from: 'assigned',
        to: 'acknowledged',
        at: new Date(at.getTime() + 6 * HOUR),
        actor: cadre,
      });
    cases.push({
      householdId: h.id,
      villageId: h.villageId,
      cadre,
      channel: 'cadre',
      department: null,
      text: found.text,
      riskTypes: [...found.risks],
      urgency: 'normal',
      kind: h.status === 'lifted' ? 'unstable' : 'edge',
      state: acknowledged ? 'acknowledged' : 'assigned',
      openedAt: at,
      steps,
      openTask: acknowledged
        ? { step: 'verify', dueAt: new Date(at.getTime() + 5 * DAY) }
        : { step: 'ack', dueAt: new Date(at.getTime() + 48 * HOUR) },
      incomes: [],
    });
  }
  return {
    name: `${day.year}年冬季集中排查（脱贫户、监测对象）`,
    scope: { townships: [], villages: [], kinds: ['lifted', 'monitored'] },
    startedAt,
    deadline,
    items,
    cases,
  };
}

/** The demo county's past as the seed writes it: the history, with the running campaign's found risks among its cases. */
export function demoPast(county: DemoCounty, now: Date, seed = 2026): { history: DemoHistory; campaign: DemoCampaign } {
  const history = demoHistory(county, now, seed);
  const campaign = demoCampaign(county, history, now, seed);
  return { history: { ...history, cases: [...history.cases, ...campaign.cases] }, campaign };
}
