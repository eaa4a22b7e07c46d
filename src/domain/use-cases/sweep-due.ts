import type { Policy } from '../policy.js';
import { STEP_LABEL, type StepKey } from '../procedure/procedure-policy.js';
import { buildDigest, type DigestItem } from '../schedule/digest.js';
import { escalationStep, inQuietHours, type Recipient } from '../schedule/escalation.js';
import type { DueTask, ReminderRow, SweepStore } from '../ports/sweep.js';
import { warningScore } from '../triage/warning-score.js';
import { remindPairDuties } from './remind-pair-duties.js';
import { groupBy } from '../group-by.js';

export interface SweepDeps {
  policy: Policy;
  timeZone: string;
  transaction<R>(fn: (store: SweepStore) => Promise<R>): Promise<R>;
}

export interface SweepResult {
  quiet: boolean;
  tasks: number;
  households: number;
  reminders: number;
  escalated: number;
  digests: number;
}

const HOUR = 3_600_000;
const STALE_SCORES_PER_SWEEP = 2000;

/** A reminder stored by its key (a task, procedure step or 8个一 duty), its digest item made once its history is read. */
type Keyed = ReminderRow & { digest: DigestItem | ((history: Array<{ name: string; at: Date }>) => DigestItem) };
/** Or a visit or call: no key, the claim records it as reminded in its period (026), no row of reminders. */
type Planned = Keyed | { key?: undefined; item?: undefined; cadre: string; digest: DigestItem };

/**
 * One sweep at an instant: every task past its reminder time is reminded to the next one on its
 * escalation ladder, every household past its visit or call is reminded to its helper, and each cadre
 * gets one digest. Quiet hours hold all but the 绿色通道 until morning (they stay due).
 */
export async function sweepDue(deps: SweepDeps, at: Date): Promise<SweepResult> {
  const { policy } = deps;
  const quiet = inQuietHours(at, policy.reminders.quietHours, deps.timeZone);
  return deps.transaction(async (store) => {
    await refreshStaleScores(deps, store, at);
    const tasks = await store.dueTasks(at, quiet);
    const every = policy.reminders.overdueVisitEveryHours * HOUR;
    const households = quiet ? [] : await store.claimDueHouseholds(at, every);
    const county = await store.countyCadre();

    const planned: Planned[] = [];
    const taskMoves = tasks.map((t) => {
      const step = escalationStep(t.level, policy);
      const to = recipient(step.to, t, county) ?? t.holder;
      const item = `task:${t.id}:${t.dueAt.toISOString()}`;
      const base = { number: t.number, state: t.state, green: t.green, who: t.who, dueAt: t.dueAt, score: t.score };
      planned.push({
        key: `${item}:${t.level}`,
        item,
        cadre: to,
        at,
        digest:
          to === t.holder
            ? { kind: 'task', ...base }
            : (history) => ({ kind: 'escalated', ...base, holder: t.holderName, reminded: history }),
      });
      return { id: t.id, level: t.level + 1, remindAt: new Date(at.getTime() + step.nextInMs) };
    });
    for (const h of households) {
      const to = h.helper ?? h.villageCadre;
      if (!to) continue;
      if (h.visitDueAt)
        planned.push({ cadre: to, digest: { kind: 'visit', who: h.who, dueAt: h.visitDueAt, score: h.score } });
      if (h.callDueAt)
        planned.push({ cadre: to, digest: { kind: 'call', who: h.who, dueAt: h.callDueAt, score: h.score } });
    }

    // 橙色预警: a procedure step past its time, to the cadre whose turn it is (no escalation of its own).
    for (const p of quiet || !store.dueProcedureSteps ? [] : await store.dueProcedureSteps(at)) {
      const step = p.step as StepKey;
      const role = policy.procedure.roles[step]?.[0];
      const to =
        role === 'helper'
          ? (p.helper ?? p.villageCadre)
          : role === 'village'
            ? (p.villageCadre ?? p.leader ?? county)
            : role === 'township'
              ? (p.leader ?? county)
              : county;
      if (!to) continue;
      const item = `procedure:${p.id}:${p.dueAt.toISOString()}`;
      planned.push({
        key: `${item}:${Math.floor((at.getTime() - p.dueAt.getTime()) / every)}`,
        item,
        cadre: to,
        at,
        digest: {
          kind: 'procedure',
          number: p.number,
          who: p.who,
          step: STEP_LABEL[step] ?? p.step,
          dueAt: p.dueAt,
          green: p.green,
          score: p.score,
        },
      });
    }

    // 8个一: the pair-helpers' duties due soon or overdue go into the same digests.
    if (!quiet && store.duties && policy.pairHelper.remind)
      for (const d of await remindPairDuties(deps, store.duties, at)) planned.push({ ...d, at });

    // The earlier reminders of escalated items, read before this sweep's are stored (each item's own key
    // is left out either way), so the digests can be built while Postgres inserts the reminders.
    const keyed = planned.filter((p): p is Keyed => p.key !== undefined);
    const escalatable = keyed.filter((p) => typeof p.digest === 'function').map((p) => p.item);
    const history = groupBy(escalatable.length ? await store.remindersOf(escalatable) : [], (r) => r.item);
    const itemOf = (p: Planned): DigestItem =>
      typeof p.digest === 'function'
        ? p.digest(
            (history.get(p.item!) ?? [])
              .filter((r) => r.key !== p.key)
              .map(({ name, at: when }) => ({ name, at: when })),
          )
        : p.digest;
    const inserting = store.insertReminders(keyed.map(({ key, item, cadre }) => ({ key, item, cadre, at })));
    // Awaited below; a failure meanwhile (the build yields) would otherwise be an unhandled rejection,
    // which ends the process instead of failing this sweep's job.
    inserting.catch(() => {});
    // Built as if every reminder is new (so it is, but after a crash): rebuilt from the new ones when not.
    const all = await digestsOf(planned, itemOf, deps.timeZone);
    const fresh = await inserting;
    const sent = fresh.size === keyed.length ? planned : planned.filter((p) => p.key === undefined || fresh.has(p.key));
    const digests = sent === planned ? all : await digestsOf(sent, itemOf, deps.timeZone);
    await store.advanceTasks(taskMoves);
    await store.insertDigests(digests, at);
    return {
      quiet,
      tasks: tasks.length,
      households: households.length,
      reminders: sent.length,
      escalated: sent.filter((p) => typeof p.digest === 'function').length,
      digests: digests.length,
    };
  });
}

/** Cadres whose digests are built between two yields to the event loop. */
const DIGESTS_PER_TURN = 500;

/**
 * Each cadre's one digest. It yields now and then, so the reminders' insert (sent just before) reaches
 * Postgres and runs there while the rest are built.
 */
async function digestsOf<P extends { cadre: string }>(
  planned: P[],
  itemOf: (p: P) => DigestItem,
  timeZone: string,
): Promise<Array<{ cadre: string; content: string }>> {
  const digests: Array<{ cadre: string; content: string }> = [];
  for (const [cadre, mine] of groupBy(planned, (p) => p.cadre)) {
    digests.push({ cadre, content: buildDigest(mine.map(itemOf), timeZone) });
    if (digests.length % DIGESTS_PER_TURN === 0) await new Promise((resolve) => setImmediate(resolve));
  }
  return digests;
}

/** Scores a day old are computed again (a bounded number per sweep), so a quiet household's score falls. */
async function refreshStaleScores({ policy }: SweepDeps, store: SweepStore, at: Date): Promise<void> {
  const ids = await store.staleWarningScores(new Date(at.getTime() - 24 * HOUR), STALE_SCORES_PER_SWEEP);
  if (!ids.length) return;
  const signals = await store.householdSignals(ids, at);
  await store.saveWarningScores(
    [...signals].map(([householdId, s]) => ({ householdId, score: warningScore(s, policy, at) })),
    at,
  );
}

function recipient(to: Recipient, t: DueTask, county: string | null): string | null {
  // A missing level passes the reminder on up, never drops it.
  const chain = [t.villageCadre, t.leader, county];
  const from = { holder: -1, village: 0, township: 1, county: 2 }[to];
  return from < 0 ? t.holder : (chain.slice(from).find((c) => c) ?? null);
}
