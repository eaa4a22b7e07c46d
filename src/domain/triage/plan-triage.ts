import type { Policy, RiskType } from '../policy.js';
import { maskSecrets } from '../privacy.js';
import type {
  CaseKind,
  CaseMerge,
  Evidence,
  HouseholdMatch,
  InboxReport,
  NewCase,
  OpenCase,
  TriageSignal,
} from '../ports/triage.js';
import type { TriageDeps } from '../ports/triage.js';
import { classifyReport, type Classification } from './classify-report.js';
import { observationDeadlines, taskDeadlines, type TaskDeadlines } from './deadlines.js';
import { shouldMerge } from './merge-rule.js';
import type { Report } from './report.js';
import type { Screening } from './screen-department-row.js';
import { raisesUrgency, warningScore, type HouseholdSignals, type WarningScore } from './warning-score.js';

/** A case this batch opens, with the reports of the batch merged into it before it is written. */
export interface Planned {
  k: number;
  row: NewCase;
  inboxId: number;
  cadre: { userid: string; level: string } | null;
  deadlines: TaskDeadlines;
}
/** What one report came to: the case it opened or joined, or none (screened below its standard). */
export interface Step {
  inboxId: number;
  into: Planned | OpenCase | null;
  opens: boolean;
  signal: TriageSignal;
  /** A merged signal that put the case on the 绿色通道: the 签收 deadline it now has (for the audit). */
  greenAckDueAt?: Date;
}

/** A report's screening (department rows only) as the signal triage stores for it. */
function signalOf(item: InboxReport, report: Report, match: HouseholdMatch, screening: Screening | null): TriageSignal {
  return {
    inboxId: item.id,
    householdId: match.householdId,
    villageId: match.villageId,
    channel: report.channel,
    source: report.reporter,
    kind: report.kind ?? null,
    verdict: screening?.verdict ?? null,
    measure: screening?.measure ?? null,
    amountYuan: screening?.amountYuan ?? null,
    thresholdYuan: screening?.thresholdYuan ?? null,
    reason: screening?.reason ?? '',
    caseId: null,
    at: item.receivedAt,
  };
}

/**
 * In memory, report by report: a report joins the newest related case, stored or opened earlier in this
 * batch. An 观察 row may join any open item of its household; a full report never joins an 观察 item
 * (it would be handled as lightly), it opens a case.
 */
export function planTriage(
  { policy, timeZone }: TriageDeps,
  fresh: InboxReport[],
  matches: HouseholdMatch[],
  open: OpenCase[],
  cadres: Array<{ userid: string; level: string } | null>,
  signals: Map<string, HouseholdSignals>,
  now: Date,
): { planned: Planned[]; merges: CaseMerge[]; steps: Step[]; scores: Map<string, WarningScore> } {
  const scores = new Map<string, WarningScore>();
  const related = policy.relatedRiskTypes as RiskType[][];
  const planned: Planned[] = [];
  const merges = new Map<number, CaseMerge>();
  const steps: Step[] = [];
  const greenAck = () => taskDeadlines(now, 'green', policy, timeZone).ackDueAt;
  fresh.forEach((item, i) => {
    const report = item.payload as Report;
    const match = matches[i]!;
    // The classifier screens a department row by the policy's standards (its verdict decides what is opened).
    const c = classifyReport(
      { text: report.text, kind: report.kind, amountYuan: report.amountYuan, householdStatus: match.status },
      policy,
    );
    const screening = c.screening;
    const signal = signalOf(item, report, match, screening);
    const score = match.householdId ? rescore(signals.get(match.householdId), signal, policy, now) : null;
    if (score) scores.set(match.householdId!, score);
    if (screening?.verdict === 'below_threshold') {
      steps.push({ inboxId: item.id, into: null, opens: false, signal });
      return;
    }
    const kind: CaseKind = screening?.verdict === 'observe' ? 'observe' : 'case';
    if (screening?.measure) c.rulesFired.push(`screen:${screening.verdict}(${screening.reason})`);
    if (kind === 'observe') c.urgency = 'normal';
    else if (score && c.urgency !== 'green' && raisesUrgency(score, policy)) {
      c.urgency = 'green';
      c.rulesFired.push(`score:信号累积(${score.score}分)`);
    }
    const evidence: Evidence = {
      inboxId: item.id,
      channel: report.channel,
      text: report.text,
      at: item.receivedAt.toISOString(),
      ...(report.evidence?.length ? { refs: report.evidence } : {}),
    };
    const hid = match.householdId;
    const joins = (k: CaseKind, types: readonly RiskType[]) =>
      (kind === 'observe' || k === 'case') && shouldMerge(types, c.riskTypes, related);
    const fresher = hid
      ? planned
          .filter((p) => p.row.householdId === hid)
          .reverse()
          .find((p) => joins(p.row.kind, p.row.riskTypes))
      : undefined;
    const stored = hid && !fresher ? open.find((o) => o.householdId === hid && joins(o.kind, o.riskTypes)) : undefined;
    if (fresher) {
      absorb(fresher.row, c, evidence);
      // raised to green in this batch: 签收 as soon as a green case opened now would need it
      if (fresher.row.urgency === 'green' && fresher.row.kind === 'case') {
        const ack = greenAck();
        if (ack < fresher.deadlines.ackDueAt) fresher.deadlines = { ...fresher.deadlines, ackDueAt: ack };
      }
      const greenAckDueAt = c.urgency === 'green' ? fresher.deadlines.ackDueAt : undefined;
      steps.push({
        inboxId: item.id,
        into: fresher,
        opens: false,
        signal,
        ...(greenAckDueAt ? { greenAckDueAt } : {}),
      });
    } else if (stored) {
      const m = merges.get(stored.id) ?? {
        caseId: stored.id,
        riskTypes: [],
        urgency: 'normal',
        greenAckDueAt: null,
        rulesFired: [],
        evidence: [],
        at: now,
      };
      absorb(m, c, evidence);
      if (m.urgency === 'green') m.greenAckDueAt ??= greenAck();
      merges.set(stored.id, m);
      stored.riskTypes = unite(stored.riskTypes, c.riskTypes); // what the next report of this batch sees
      const greenAckDueAt = c.urgency === 'green' ? m.greenAckDueAt! : undefined;
      steps.push({ inboxId: item.id, into: stored, opens: false, signal, ...(greenAckDueAt ? { greenAckDueAt } : {}) });
    } else {
      const cadre = cadres[i] ?? null;
      const p: Planned = {
        k: planned.length,
        inboxId: item.id,
        cadre,
        deadlines:
          kind === 'observe' ? observationDeadlines(now, policy) : taskDeadlines(now, c.urgency, policy, timeZone),
        row: {
          kind,
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
      steps.push({ inboxId: item.id, into: p, opens: true, signal });
    }
  });
  return { planned, merges: [...merges.values()], steps, scores };
}

/** The household's score with this report counted (later reports of the batch see it too). */
function rescore(
  h: HouseholdSignals | undefined,
  signal: TriageSignal,
  policy: Policy,
  now: Date,
): WarningScore | null {
  if (!h) return null;
  h.reports.push({ at: signal.at, channel: signal.channel, source: signal.source, verdict: signal.verdict });
  if (signal.measure === 'income_per_capita' && signal.amountYuan !== null)
    h.incomes.push({ at: signal.at, yuan: signal.amountYuan });
  return warningScore(h, policy, now);
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
