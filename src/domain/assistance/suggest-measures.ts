import type { RiskType } from '../policy.js';
import type { Labour } from '../types.js';
import { DEVELOPMENT_TYPES, MEASURE_LABEL, type Measure, type MeasureType } from './measure.js';

/** A member as the suggestions read them. */
export interface PlanMember {
  id: number;
  name: string;
  /** Null until the members import says. */
  labour: Labour | null;
  /** Whole years, null when the birth date is unknown. */
  age: number | null;
  schooling: string;
  health: string;
  disability: string;
}

/** A measure the plan could take, never applied by itself: the cadre records it (帮扶 编号 类型 …). */
export interface MeasureSuggestion {
  type: MeasureType;
  /** The member it is for; null = the whole household. */
  memberId: number | null;
  memberName: string | null;
  why: string;
}

const canWork = (m: PlanMember) => (m.labour === 'full' || m.labour === 'partial') && (m.age === null || m.age >= 16);
// The members import's 在校情况 (小学 … 大学; 学龄前 and 非在校 are not at school).
const isPupil = (m: PlanMember) => /小学|初中|高中|中职|大学|年级/.test(m.schooling);
const isSick = (m: PlanMember) => /慢性病|大病|残疾/.test(m.health) || m.disability !== '';

/**
 * What 一户一策 could hold, from the household's risk types and its members' labour: where someone can
 * work, 开发式帮扶 comes first (a job, a public-welfare post for a weak worker, industry); where nobody
 * can, 兜底 (低保, 特困 for the old living alone). Each guarantee gap gets the measure that closes it.
 * Types already in the plan (and not 无效) are left out.
 */
export function suggestMeasures(f: {
  riskTypes: readonly RiskType[];
  members: readonly PlanMember[];
  measures: ReadonlyArray<Pick<Measure, 'type' | 'status' | 'memberId'>>;
}): MeasureSuggestion[] {
  const out: MeasureSuggestion[] = [];
  const had = (type: MeasureType, memberId: number | null) =>
    f.measures.some(
      (m) =>
        m.status !== 'void' && m.type === type && (memberId === null || m.memberId === memberId || m.memberId === null),
    );
  const add = (type: MeasureType, m: PlanMember | null, why: string) => {
    if (had(type, m?.id ?? null) || out.some((s) => s.type === type && s.memberId === (m?.id ?? null))) return;
    out.push({ type, memberId: m?.id ?? null, memberName: m?.name ?? null, why });
  };
  const workers = f.members.filter(canWork);
  const known = f.members.some((m) => m.labour !== null);
  const risks = new Set(f.riskTypes);

  if (workers.length) {
    const strong = workers.filter((m) => m.labour === 'full');
    const weak = workers.filter((m) => m.labour === 'partial');
    const developed = f.measures.some((m) => m.status !== 'void' && DEVELOPMENT_TYPES.includes(m.type));
    if (!developed || risks.has('income_drop')) {
      for (const m of strong.slice(0, 2)) add('employment', m, `${m.name}有劳动能力，先稳岗就业（开发式帮扶优先）`);
      for (const m of weak.slice(0, 1)) add('public_job', m, `${m.name}是弱劳动力，可安排就近的公益岗位`);
      if (strong.length) add('industry', null, '家庭有劳动力，可发展种养等到户产业');
      if (strong.length && risks.has('income_drop'))
        add('training', strong[0]!, `${strong[0]!.name}可参加技能培训，稳定就业`);
    }
  } else if (known) {
    add('dibao', null, '整户无劳动能力，按规定兜底保障（低保）');
    if (f.members.length === 1 && (f.members[0]!.age ?? 0) >= 60)
      add('tekun', f.members[0]!, '独居老人无劳动能力，可申请特困供养');
  }

  if (risks.has('illness_disaster_accident') || risks.has('expense_jump')) {
    const sick = f.members.filter(isSick);
    for (const m of sick.length ? sick : [null])
      add('medical', m, `${m ? m.name : '家庭'}医疗支出大：医疗救助、慢病签约`);
    add('insurance', null, '突发困难：防贫保险理赔');
    add('temp_relief', null, '急难支出：临时救助');
  }
  if (risks.has('dropout') || risks.has('expense_jump')) {
    for (const m of f.members.filter(isPupil)) add('education', m, `${m.name}在校：教育资助（雨露计划）`);
  }
  if (risks.has('housing')) add('housing', null, '住房无保障：危房改造');
  if (risks.has('water')) add('water', null, '饮水无保障：饮水保障工程');
  if (risks.has('policy_gap') && !workers.length && known) add('dibao', null, '应享未享：核实低保等政策');
  return out;
}

/** One line for a card or a chat answer: 建议：就业帮扶（张三）、低保 … */
export function suggestionLine(s: readonly MeasureSuggestion[], max = 4): string {
  if (!s.length) return '';
  const parts = s.slice(0, max).map((x) => `${MEASURE_LABEL[x.type]}${x.memberName ? `（${x.memberName}）` : ''}`);
  return `${parts.join('、')}${s.length > max ? ` 等 ${s.length} 项` : ''}`;
}
