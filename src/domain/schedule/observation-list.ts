import { formatLocalDate } from '../local-time.js';
import type { ObservedHousehold } from '../ports/observation.js';

const DAY = 86_400_000;

/** 观察对象's own visit rule: a visit every `everyDays` after the last one; never visited: due now. */
export function observationVisitDue(lastVisitAt: Date | null, everyDays: number, now: Date): Date {
  return lastVisitAt ? new Date(lastVisitAt.getTime() + everyDays * DAY) : now;
}

/** The 观察名单 as a cadre reads it in chat: who, the income against the lines, when to visit next. */
export function observationListText(
  list: { rows: ObservedHousehold[]; total: number },
  lines: { monitoring: number; observation: number },
  everyDays: number,
  timeZone: string,
  now: Date,
): string {
  const band = `人均纯收入在监测线 ${lines.monitoring} 元与观察线 ${lines.observation} 元之间`;
  if (list.total === 0) return `您负责的农户中没有${band}的观察对象。`;
  const rows = list.rows.map((h, i) => {
    const due = observationVisitDue(h.lastVisitAt, everyDays, now);
    const when = !h.lastVisitAt
      ? '尚未走访，请尽快走访'
      : due <= now
        ? `上次走访 ${formatLocalDate(h.lastVisitAt, timeZone)}，已到走访时间`
        : `上次走访 ${formatLocalDate(h.lastVisitAt, timeZone)}，${formatLocalDate(due, timeZone)} 前再走访`;
    const income = h.incomePerCapita === null ? '收入未登记' : `人均 ${h.incomePerCapita} 元`;
    const item = h.observeCase ? `（观察事项 ${h.observeCase}）` : '';
    return `${i + 1}. ${h.headName}户（${h.villageName}，户号 ${h.id}）${income}${item}，${when}`;
  });
  return [
    `观察名单：您负责的农户中有 ${list.total} 户${band}，每 ${everyDays} 天走访一次（比监测户轻）：`,
    ...rows,
    ...(list.total > list.rows.length ? [`……还有 ${list.total - list.rows.length} 户未列出。`] : []),
    '走访后请回复：走访 户号 情况；发现风险可直接：上报 户号 情况。',
  ].join('\n');
}
