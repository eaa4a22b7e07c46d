import { formatLocalDate } from '../local-time.js';
import { fitLines } from '../message-size.js';
import type { Policy } from '../policy.js';
import { type MissedRound, missedRoundLines } from '../rounds/missed-rounds.js';
import { dutyBulletinLines, type DutyFigures } from '../pair-duty/duty-bulletin.js';

/**
 * One cadre's figures in one village for the week. A "contact" is a visit or call deadline that fell
 * in the week; it is done when a visit or call met it before the week ended.
 */
export interface BulletinRow {
  cadre: string | null;
  cadreName: string | null;
  villageId: string;
  villageName: string;
  households: number;
  due: number;
  done: number;
  /** Deadlines (from this week or earlier) still unmet when the week ended. */
  overdueContacts: number;
  /** Open tasks past their time limit. */
  overdueTasks: number;
}

export interface Figures {
  households: number;
  due: number;
  done: number;
  overdueContacts: number;
  overdueTasks: number;
}
export interface CadreFigures extends Figures {
  cadre: string | null;
  name: string;
  villages: string[];
}
export interface VillageFigures extends Figures {
  villageId: string;
  name: string;
}

export interface Bulletin {
  township: { id: string; name: string };
  week: { start: Date; end: Date };
  totals: Figures & { cadres: number };
  /** Worst first. */
  cadres: CadreFigures[];
  behind: CadreFigures[];
  /** Best first; villages with nothing due last. */
  villages: VillageFigures[];
  top: VillageFigures[];
  bottom: VillageFigures[];
  /** Screening rounds due in the week and not answered by their deadline. */
  missedRounds?: MissedRound[];
  /** The pair-helpers' 8个一 by duty, in total and per village (when counted). */
  duties?: DutyFigures;
}

const zero = (): Figures => ({ households: 0, due: 0, done: 0, overdueContacts: 0, overdueTasks: 0 });
const add = (a: Figures, b: Figures) => {
  a.households += b.households;
  a.due += b.due;
  a.done += b.done;
  a.overdueContacts += b.overdueContacts;
  a.overdueTasks += b.overdueTasks;
};

/** Share of due contacts done; nothing due counts as all done. */
export const rate = (f: Figures) => (f.due === 0 ? 1 : f.done / f.due);
export const percent = (f: Figures) => `${Math.floor(rate(f) * 100)}%`;

type Named = Figures & { name: string };
/** Lower rate, then more overdue tasks, then more overdue contacts is worse; ties by name. */
const badness = (a: Named, b: Named) =>
  rate(a) - rate(b) || b.overdueTasks - a.overdueTasks || b.overdueContacts - a.overdueContacts;
const byName = (a: Named, b: Named) => a.name.localeCompare(b.name, 'zh-CN');
const worstFirst = (a: Named, b: Named) => badness(a, b) || byName(a, b);
const bestFirst = (a: Named, b: Named) => badness(b, a) || byName(a, b);

/** Sums the rows per cadre and per village, names who is behind, ranks the villages. */
export function summarizeBulletin(
  input: { township: { id: string; name: string }; week: { start: Date; end: Date }; rows: readonly BulletinRow[] },
  rules: Policy['bulletin'],
): Bulletin {
  const totals = zero();
  const cadres = new Map<string, CadreFigures>();
  const villages = new Map<string, VillageFigures>();
  for (const r of input.rows) {
    add(totals, r);
    const key = r.cadre ?? '';
    const c = cadres.get(key) ?? { cadre: r.cadre, name: r.cadreName ?? '（未分配）', villages: [], ...zero() };
    add(c, r);
    if (!c.villages.includes(r.villageName)) c.villages.push(r.villageName);
    cadres.set(key, c);
    const v = villages.get(r.villageId) ?? { villageId: r.villageId, name: r.villageName, ...zero() };
    add(v, r);
    villages.set(r.villageId, v);
  }
  const byCadre = [...cadres.values()].sort(worstFirst);
  const all = [...villages.values()].sort((a, b) => Number(a.due === 0) - Number(b.due === 0) || bestFirst(a, b));
  const ranked = all.filter((v) => v.due > 0);
  // Top and bottom never overlap: with five villages and three shown, two each.
  const shown = Math.min(rules.villagesShown, Math.floor(ranked.length / 2));
  return {
    township: input.township,
    week: input.week,
    totals: { ...totals, cadres: byCadre.filter((c) => c.cadre).length },
    cadres: byCadre,
    behind: byCadre.filter((c) => (c.due > 0 && rate(c) < rules.behindBelowRate) || c.overdueTasks > 0),
    villages: all,
    top: ranked.slice(0, shown),
    bottom: ranked.slice(ranked.length - shown).reverse(),
  };
}

/** The week's markdown for the township leader, within WeCom's message size: whole lines, the rest counted. */
export function bulletinMarkdown(b: Bulletin, timeZone: string, rules: Policy['bulletin']): string {
  const t = b.totals;
  const lastDay = new Date(b.week.end.getTime() - 1);
  const village = (v: VillageFigures) => `${v.name} ${percent(v)}（${v.done}/${v.due}）`;
  const lines = [
    `## ${b.township.name}防返贫走访帮扶周通报`,
    `> ${formatLocalDate(b.week.start, timeZone)}至${formatLocalDate(lastDay, timeZone)}，${t.cadres} 名干部，${t.households} 户脱贫户和监测户`,
    '',
    `走访联系：应 **${t.due}** 次，完成 **${t.done}** 次，完成率 **${percent(t)}**`,
    `逾期未走访 **${t.overdueContacts}** 次，逾期未办任务 **${t.overdueTasks}** 项`,
    ...missedRoundLines(b.missedRounds ?? [], timeZone),
    // Villages before the names: if the list of names is long, it is what gets cut.
    ...(b.top.length
      ? ['', `**完成率靠前**：${b.top.map(village).join('、')}`, `**完成率靠后**：${b.bottom.map(village).join('、')}`]
      : []),
    ...(b.duties ? dutyBulletinLines(b.duties, rules.villagesShown) : []),
    '',
    b.behind.length
      ? `**需督促干部 ${b.behind.length} 人**（完成率低于 ${Math.round(rules.behindBelowRate * 100)}% 或有逾期任务）：`
      : '**本周无落后干部。**',
    ...b.behind.map(
      (c, i) =>
        `${i + 1}. ${c.name}（${c.villages.join('、')}）完成 ${c.done}/${c.due}${c.overdueTasks ? `，逾期任务 ${c.overdueTasks} 项` : ''}${c.overdueContacts ? `，逾期走访 ${c.overdueContacts} 次` : ''}`,
    ),
  ];
  return fitLines(lines, '\n完整名单见周报表（XLSX）。');
}
