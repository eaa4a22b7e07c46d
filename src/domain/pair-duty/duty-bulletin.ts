import { instancesBetween } from './duty-period.js';
import { doneBy, type DutyRecord } from './duty-status.js';
import { DUTY_LABEL, PAIR_DUTIES, type PairDuty, type PairHelperPolicy } from './pair-duty-policy.js';

/** One duty's instances in a week: those open by its end (or now), done, and past their time undone. */
export interface DutyCount {
  duty: PairDuty;
  due: number;
  done: number;
  overdue: number;
}

export interface DutyFigures {
  totals: DutyCount[];
  /** Every village with owed households, by name. */
  villages: Array<{ villageId: string; name: string; counts: DutyCount[] }>;
}

/** A household owed the duties, with its village and its records. */
export interface DutyHouseholdRecords {
  villageId: string;
  villageName: string;
  records: readonly DutyRecord[];
}

const zero = (): DutyCount[] => PAIR_DUTIES.map((duty) => ({ duty, due: 0, done: 0, overdue: 0 }));

/**
 * The week's 8个一 per duty: each period of a duty that overlaps the week and has opened by `asOf` is due
 * once per household; it is done by a record in its period before `asOf`, overdue when undone at its time.
 * A week across a month's end counts both months' calls (the old one's outcome is final then).
 */
export function countDuties(
  policy: PairHelperPolicy,
  households: readonly DutyHouseholdRecords[],
  week: { start: Date },
  asOf: Date,
  timeZone: string,
): DutyFigures {
  const totals = zero();
  const villages = new Map<string, { villageId: string; name: string; counts: DutyCount[] }>();
  // The week's periods are the same for every household.
  const periods = PAIR_DUTIES.map((duty) =>
    instancesBetween(duty, policy, week.start, asOf, timeZone).filter((i) => i.opensAt < asOf),
  );
  for (const h of households) {
    const v = villages.get(h.villageId) ?? { villageId: h.villageId, name: h.villageName, counts: zero() };
    villages.set(h.villageId, v);
    const seen = h.records.filter((r) => r.at < asOf);
    PAIR_DUTIES.forEach((_duty, d) => {
      for (const i of periods[d]!) {
        const done = doneBy(i, seen, policy) !== undefined;
        for (const c of [totals[d]!, v.counts[d]!]) {
          c.due++;
          if (done) c.done++;
          else if (i.dueAt <= asOf) c.overdue++;
        }
      }
    });
  }
  return {
    totals,
    villages: [...villages.values()].sort((a, b) => a.name.localeCompare(b.name, 'zh-CN')),
  };
}

/** The bulletin's 8个一 lines: each duty due this week, and the villages with the most overdue. */
export function dutyBulletinLines(f: DutyFigures, villagesShown: number): string[] {
  const due = f.totals.filter((c) => c.due > 0);
  if (!due.length) return [];
  const overdue = (counts: DutyCount[]) => counts.reduce((n, c) => n + c.overdue, 0);
  const worst = f.villages
    .map((v) => ({ name: v.name, n: overdue(v.counts) }))
    .filter((v) => v.n > 0)
    .sort((a, b) => b.n - a.n || a.name.localeCompare(b.name, 'zh-CN'))
    .slice(0, villagesShown);
  return [
    '',
    '**帮扶责任人「8个一」**（应完成 / 已完成 / 逾期，户次）：',
    ...due.map((c) => `${DUTY_LABEL[c.duty]}：${c.due} / ${c.done} / ${c.overdue}`),
    ...(worst.length ? [`逾期最多的村：${worst.map((v) => `${v.name} ${v.n} 项`).join('、')}`] : []),
  ];
}
