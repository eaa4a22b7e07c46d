import type { AuditEntry } from '../audit-entry.js';
import type { Policy, RiskType } from '../policy.js';
import { maskSecrets } from '../privacy.js';
import { classifyReport, type Classification, type Urgency } from '../triage/classify-report.js';
import { taskDeadlines, type TaskDeadlines } from '../triage/deadlines.js';
import { shouldMerge } from '../triage/merge-rule.js';
import type { HouseholdOption, MatchMethod } from '../triage/decide-match.js';
import { localParts } from '../local-time.js';
import type { Report } from '../triage/report.js';
import type { HouseholdStatus } from '../types.js';
import type {
  CaseMerge,
  Evidence,
  HouseholdMatch,
  InboxReport,
  NewCase,
  OpenCase,
  TaskNotice,
  TriageStore,
} from '../ports/triage.js';

export interface TriageDeps {
  policy: Policy;
  timeZone: string;
  transaction<R>(fn: (store: TriageStore) => Promise<R>): Promise<R>;
}

export type TriageOutcome =
  | { status: 'missing' }
  | { status: 'created' | 'merged' | 'already'; caseId: number; caseNumber?: string; notices: TaskNotice[] };

/** One report; see triageReports. */
export async function triageReport(deps: TriageDeps, inboxId: number, now: Date): Promise<TriageOutcome> {
  return (await triageReports(deps, [inboxId], now))[0]!;
}

/** A case this batch opens, with the reports of the batch merged into it before it is written. */
interface Planned {
  k: number;
  row: NewCase;
  inboxId: number;
  cadre: { userid: string; level: string } | null;
  deadlines: TaskDeadlines;
}
/** What one report came to: the case it opened or joined. */
interface Step {
  inboxId: number;
  into: Planned | OpenCase;
  opens: boolean;
}

/**
 * Inbox items → each classified, matched to a household, merged into its open case (or one this batch
 * opened) or opened as a new case, assigned along the chain with deadlines, audited. Reports are taken in
 * the order given, so a batch ends as the same reports one by one would. Idempotent by inbox id: an item
 * triaged before changes nothing and returns the same task notices, so a retried job re-sends
 * (deduplicated by job id) rather than loses them. Outcomes come back in the order of the ids.
 */
export async function triageReports(deps: TriageDeps, inboxIds: number[], now: Date): Promise<TriageOutcome[]> {
  return deps.transaction(async (store) => {
    const items = await store.loadInbox(inboxIds);
    const isDone = (i: InboxReport) => Boolean(i.handledAt && i.caseId);
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
    const { planned, merges, steps } = plan(deps, fresh, matches, open, cadres, now);

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
    const caseOf = (into: Planned | OpenCase) => ('row' in into ? created[into.k]! : into);
    await store.markTriaged(
      steps.map((s) => ({ inboxId: s.inboxId, caseId: caseOf(s.into).id })),
      now,
    );
    await store.audit(
      steps.flatMap((s): AuditEntry[] => {
        const entityId = String(caseOf(s.into).id);
        if (!s.opens || !('row' in s.into))
          return [
            { actor: 'system', action: 'merge-signal', entity: 'case', entityId, note: `inbox ${s.inboxId}`, at: now },
          ];
        const { row, cadre } = s.into;
        return [
          {
            actor: 'system',
            action: 'open-case',
            entity: 'case',
            entityId,
            toState: 'reported',
            note: `inbox ${s.inboxId}; ${row.matchMethod}`,
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
      }),
    );

    const done = items.filter(isDone);
    const before = done.length ? await store.tasksFromInbox(done.map((d) => d.id)) : [];
    const byId = new Map(items.map((i) => [i.id, i]));
    const stepOf = new Map(steps.map((s) => [s.inboxId, s]));
    return inboxIds.map((id): TriageOutcome => {
      const item = byId.get(id);
      if (!item) return { status: 'missing' };
      if (isDone(item))
        return {
          status: 'already',
          caseId: item.caseId!,
          notices: before.filter((n) => n.inboxId === id).map(({ taskId, cadre }) => ({ taskId, cadre })),
        };
      const { into, opens } = stepOf.get(id)!;
      const c = caseOf(into);
      const notices =
        opens && 'row' in into && into.cadre ? [{ taskId: taskOf.get(into)!, cadre: into.cadre.userid }] : [];
      return { status: opens ? 'created' : 'merged', caseId: c.id, caseNumber: c.number, notices };
    });
  });
}

/** In memory, report by report: a report joins the newest related case, stored or opened earlier in this batch. */
function plan(
  { policy, timeZone }: TriageDeps,
  fresh: InboxReport[],
  matches: HouseholdMatch[],
  open: OpenCase[],
  cadres: Array<{ userid: string; level: string } | null>,
  now: Date,
): { planned: Planned[]; merges: CaseMerge[]; steps: Step[] } {
  const related = policy.relatedRiskTypes as RiskType[][];
  const planned: Planned[] = [];
  const merges = new Map<number, CaseMerge>();
  const steps: Step[] = [];
  fresh.forEach((item, i) => {
    const report = item.payload as Report;
    const match = matches[i]!;
    const c = classifyReport(
      { text: report.text, kind: report.kind, amountYuan: report.amountYuan, householdStatus: match.status },
      policy,
    );
    const evidence: Evidence = {
      inboxId: item.id,
      channel: report.channel,
      text: report.text,
      at: item.receivedAt.toISOString(),
      ...(report.evidence?.length ? { refs: report.evidence } : {}),
    };
    const hid = match.householdId;
    const fresher = hid
      ? planned
          .filter((p) => p.row.householdId === hid)
          .reverse()
          .find((p) => shouldMerge(p.row.riskTypes, c.riskTypes, related))
      : undefined;
    const stored =
      hid && !fresher
        ? open.find((o) => o.householdId === hid && shouldMerge(o.riskTypes, c.riskTypes, related))
        : undefined;
    if (fresher) {
      absorb(fresher.row, c, evidence);
      steps.push({ inboxId: item.id, into: fresher, opens: false });
    } else if (stored) {
      const m = merges.get(stored.id) ?? {
        caseId: stored.id,
        riskTypes: [],
        urgency: 'normal',
        rulesFired: [],
        evidence: [],
        at: now,
      };
      absorb(m, c, evidence);
      merges.set(stored.id, m);
      stored.riskTypes = unite(stored.riskTypes, c.riskTypes); // what the next report of this batch sees
      steps.push({ inboxId: item.id, into: stored, opens: false });
    } else {
      const cadre = cadres[i] ?? null;
      const p: Planned = {
        k: planned.length,
        inboxId: item.id,
        cadre,
        deadlines: taskDeadlines(now, c.urgency, policy, timeZone),
        row: {
          householdId: hid,
          villageId: match.villageId,
          riskTypes: c.riskTypes,
          urgency: c.urgency,
          rulesFired: [...c.rulesFired],
          summary: maskSecrets(report.text).slice(0, 500),
          evidence: [evidence],
          matchMethod: match.method,
          candidates: match.candidates,
          reporter: report.channel === 'villager' ? report.reporter : null,
          state: cadre ? 'assigned' : 'reported',
          at: now,
        },
      };
      planned.push(p);
      steps.push({ inboxId: item.id, into: p, opens: true });
    }
  });
  return { planned, merges: [...merges.values()], steps };
}

/** One more signal for a case: types and rules united, evidence appended, urgency only raised. */
function absorb(
  into: Pick<NewCase, 'riskTypes' | 'rulesFired' | 'evidence' | 'urgency'>,
  c: Classification,
  evidence: Evidence,
): void {
  into.riskTypes = unite(into.riskTypes, c.riskTypes);
  into.rulesFired.push(...c.rulesFired);
  into.evidence.push(evidence);
  if (c.urgency === 'green') into.urgency = 'green';
}

/** Sorted union, as the store keeps risk types. */
function unite(a: readonly RiskType[], b: readonly RiskType[]): RiskType[] {
  return [...new Set([...a, ...b])].sort();
}
