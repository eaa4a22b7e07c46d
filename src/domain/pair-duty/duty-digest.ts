import { formatLocalDate } from '../local-time.js';
import { groupBy } from '../group-by.js';

type DutyItem = { kind: 'duty'; who: string; duty: string; dueAt: Date; overdue: boolean };

/**
 * A household's 8个一 duties in a digest are one line per household and stage (overdue, due soon):
 * "制定一户一策帮扶计划（应于1月31日前完成）、电话联系（12月31日前）", the soonest first.
 */
export function mergeDutyItems<T extends { kind: string }>(items: readonly T[], timeZone: string): T[] {
  const rest: T[] = items.filter((i) => !isDuty(i));
  const merged = groupBy(items.filter(isDuty), (i) => `${i.overdue}:${i.who}`);
  const by = (d: Date) => formatLocalDate(new Date(d.getTime() - 1), timeZone);
  for (const list of merged.values()) {
    const sorted = [...list].sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime());
    rest.push({
      ...sorted[0]!,
      duty: sorted.map((d) => `${d.duty}（${d.overdue ? `应于${by(d.dueAt)}前完成` : `${by(d.dueAt)}前`}）`).join('、'),
    });
  }
  return rest;
}

const isDuty = <T extends { kind: string }>(i: T): i is T & DutyItem => i.kind === 'duty';
