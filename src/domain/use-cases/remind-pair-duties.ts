import { DUTY_LABEL } from '../pair-duty/pair-duty-policy.js';
import type { DutyInstance } from '../pair-duty/duty-period.js';
import { dutyCalendar, dutyReminders, recordsSince } from '../pair-duty/duty-status.js';
import type { Policy } from '../policy.js';
import type { DutyHousehold, DutySweepStore } from '../ports/pair-duties.js';
import type { DigestItem } from '../schedule/digest.js';

/** Households looked at per sweep: a calendar instant makes a whole county's duties change stage at once. */
const HOUSEHOLDS_PER_SWEEP = 20_000;

export interface DutyReminderPlan {
  key: string;
  item: string;
  cadre: string;
  digest: DigestItem;
}

/**
 * The 8个一 part of a sweep: each household due a look gets its duties due soon or overdue reminded to
 * its pair-helper (each reminder once per stage, by key; the sweep puts them in that cadre's one digest),
 * and its next look set. A call or visit its visit schedule reminds no later is left to that schedule.
 */
export async function remindPairDuties(
  deps: { policy: Policy; timeZone: string },
  store: DutySweepStore,
  at: Date,
): Promise<DutyReminderPlan[]> {
  const policy = deps.policy.pairHelper;
  const households = await store.dutyHouseholds(at, policy.households, HOUSEHOLDS_PER_SWEEP);
  const owed = households.filter((h) => (policy.households as string[]).includes(h.status));
  const records = await store.dutyRecordsOf(
    owed.map((h) => h.id),
    recordsSince(policy, at, deps.timeZone),
  );
  const calendar = dutyCalendar(policy, at, deps.timeZone);
  const planned: DutyReminderPlan[] = [];
  const moves: Array<{ id: string; remindAt: Date | null }> = [];
  for (const h of households) {
    if (!records.has(h.id)) {
      moves.push({ id: h.id, remindAt: null }); // no longer owed the duties: looked at again if it is
      continue;
    }
    const { reminders, next } = dutyReminders(
      policy,
      records.get(h.id)!,
      at,
      deps.timeZone,
      (i) => coveredByContacts(h, i, policy.duties[i.duty].countsFrom),
      calendar,
    );
    moves.push({ id: h.id, remindAt: next });
    if (!h.cadre) continue;
    for (const r of reminders) {
      const item = `duty:${h.id}:${r.duty}:${r.period}`;
      planned.push({
        key: `${item}:${r.stage}`,
        item,
        cadre: h.cadre,
        digest: {
          kind: 'duty',
          who: h.who,
          duty: DUTY_LABEL[r.duty],
          dueAt: r.dueAt,
          overdue: r.overdue,
          score: h.score,
        },
      });
    }
  }
  await store.advanceDutyHouseholds(moves);
  return planned;
}

/** A visit or call clock that counts as this duty and is due no later reminds it already. */
function coveredByContacts(h: DutyHousehold, i: DutyInstance, countsFrom: ReadonlyArray<'visit' | 'call'>): boolean {
  return countsFrom.some((kind) => {
    const due = kind === 'visit' ? h.visitDueAt : h.callDueAt;
    return due !== null && new Date(due) <= i.dueAt;
  });
}
