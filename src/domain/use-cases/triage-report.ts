import type { AuditEntry } from '../audit-entry.js';
import { localParts } from '../local-time.js';
import { planTriage, type Planned, type Step } from '../triage/plan-triage.js';
import type { Report } from '../triage/report.js';
import type { InboxReport, OpenCase, TaskNotice, TriageDeps } from '../ports/triage.js';

export type { TriageDeps };

export type TriageOutcome =
  | { status: 'missing' }
  /** A department row below its standard (未达预警标准): stored and counted, no case, no task. */
  | { status: 'screened'; reason: string; notices: TaskNotice[] }
  | { status: 'created' | 'merged' | 'already'; caseId: number; caseNumber?: string; notices: TaskNotice[] };

/** One report; see triageReports. */
export async function triageReport(deps: TriageDeps, inboxId: number, now: Date): Promise<TriageOutcome> {
  return (await triageReports(deps, [inboxId], now))[0]!;
}

/**
 * Inbox items → each classified, matched to a household, merged into its open case (or one this batch
 * opened) or opened as a new case, assigned along the chain with deadlines, audited. A department row is
 * first screened against the policy's standards for the household's status: below its standard it is
 * stored and counted (未达预警标准) and makes no case; an income between the lines opens an 观察 item.
 * Reports are taken in the order given, so a batch ends as the same reports one by one would. Idempotent
 * by inbox id: an item triaged before changes nothing and returns the same task notices, so a retried job
 * re-sends (deduplicated by job id) rather than loses them. Outcomes come back in the order of the ids.
 */
export async function triageReports(deps: TriageDeps, inboxIds: number[], now: Date): Promise<TriageOutcome[]> {
  return deps.transaction(async (store) => {
    const items = await store.loadInbox(inboxIds);
    const isDone = (i: InboxReport) => Boolean(i.handledAt && (i.caseId || i.screened));
    const fresh = items.filter((i) => !isDone(i));
    const matches = await store.matchHouseholds(
      fresh.map((i) => (i.payload as Report).identity),
      localParts(now, deps.timeZone).year,
    );
    const households = [...new Set(matches.flatMap((m) => (m.householdId ? [m.householdId] : [])))];
    const open = households.length ? await store.openCasesOf(households) : [];
    const cadres = await store.responsibleCadres(
      matches.map((m) => ({ householdId: m.householdId, villageId: m.villageId })),
    );
    const signals = await store.householdSignals(households, now);
    const { planned, merges, steps, scores } = planTriage(deps, fresh, matches, open, cadres, signals, now);

    const created = await store.insertCases(planned.map((p) => p.row));
    const assigned = planned.filter((p) => p.cadre);
    const taskIds = await store.insertTasks(
      assigned.map((p) => ({
        caseId: created[p.k]!.id,
        inboxId: p.inboxId,
        cadre: p.cadre!.userid,
        deadlines: p.deadlines,
        at: now,
      })),
    );
    const taskOf = new Map(assigned.map((p, t) => [p, taskIds[t]!]));
    await store.mergeIntoCases(merges);
    const caseOf = (into: Planned | OpenCase | null) => (!into ? null : 'row' in into ? created[into.k]! : into);
    for (const s of steps) s.signal.caseId = caseOf(s.into)?.id ?? null;
    await store.markTriaged(
      steps.map((s) => ({ inboxId: s.inboxId, caseId: s.signal.caseId })),
      now,
    );
    await store.insertSignals(steps.map((s) => s.signal));
    await store.saveWarningScores(
      [...scores].map(([householdId, score]) => ({ householdId, score })),
      now,
    );
    await store.audit(steps.flatMap((s) => auditOf(s, caseOf(s.into)?.id ?? null, taskOf, now)));

    const done = items.filter(isDone);
    const before = done.length ? await store.tasksFromInbox(done.map((d) => d.id)) : [];
    const byId = new Map(items.map((i) => [i.id, i]));
    const stepOf = new Map(steps.map((s) => [s.inboxId, s]));
    return inboxIds.map((id): TriageOutcome => {
      const item = byId.get(id);
      if (!item) return { status: 'missing' };
      if (isDone(item))
        return item.caseId
          ? {
              status: 'already',
              caseId: item.caseId,
              notices: before.filter((n) => n.inboxId === id).map(({ taskId, cadre }) => ({ taskId, cadre })),
            }
          : { status: 'screened', reason: '已筛查：未达预警标准', notices: [] };
      const { into, opens, signal } = stepOf.get(id)!;
      const c = caseOf(into);
      if (!c) return { status: 'screened', reason: signal.reason, notices: [] };
      const notices =
        opens && into && 'row' in into && into.cadre ? [{ taskId: taskOf.get(into)!, cadre: into.cadre.userid }] : [];
      return { status: opens ? 'created' : 'merged', caseId: c.id, caseNumber: c.number, notices };
    });
  });
}

/** The audit rows of one report's step: screened out, a signal merged, or a case (or 观察) opened and assigned. */
function auditOf(s: Step, caseId: number | null, taskOf: Map<Planned, number>, now: Date): AuditEntry[] {
  if (caseId === null)
    return [
      {
        actor: 'system',
        action: 'screen-below-threshold',
        entity: 'inbox',
        entityId: String(s.inboxId),
        note: `未达预警标准：${s.signal.reason}`,
        at: now,
      },
    ];
  const entityId = String(caseId);
  if (!s.opens || !s.into || !('row' in s.into))
    return [
      {
        actor: 'system',
        action: 'merge-signal',
        entity: 'case',
        entityId,
        note: `inbox ${s.inboxId}${s.greenAckDueAt ? `; 绿色通道，签收时限 ${s.greenAckDueAt.toISOString()}` : ''}`,
        at: now,
      },
    ];
  const { row, cadre } = s.into;
  const observe = row.kind === 'observe';
  return [
    {
      actor: 'system',
      action: observe ? 'open-observation' : 'open-case',
      entity: 'case',
      entityId,
      toState: 'reported',
      note: `inbox ${s.inboxId}; ${row.matchMethod}${observe ? `; 观察：${s.signal.reason}` : ''}`,
      at: now,
    },
    ...(cadre
      ? [
          {
            actor: 'system',
            action: 'assign',
            entity: 'case',
            entityId,
            fromState: 'reported',
            toState: 'assigned',
            note: `${cadre.level}: ${cadre.userid}, task ${taskOf.get(s.into)}`,
            at: now,
          },
        ]
      : []),
  ];
}
