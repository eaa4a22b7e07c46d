import type { AuditEntry } from '../audit-entry.js';
import type { Policy, RiskType } from '../policy.js';
import { maskSecrets } from '../privacy.js';
import { classifyReport, type Urgency } from '../triage/classify-report.js';
import { taskDeadlines, type TaskDeadlines } from '../triage/deadlines.js';
import { shouldMerge } from '../triage/merge-rule.js';
import type { Report } from '../triage/report.js';
import type { HouseholdStatus } from '../types.js';

/** What triage reads and writes, all inside one transaction. */
export interface TriageStore {
  loadInbox(id: number): Promise<{ payload: unknown; handledAt: Date | null; caseId: number | null; receivedAt: Date } | null>;
  matchHousehold(who: Report['identity']): Promise<{ householdId: string | null; villageId: string | null; status: HouseholdStatus | null; method: string }>;
  openCasesOf(householdId: string): Promise<Array<{ id: number; number: string; riskTypes: RiskType[] }>>;
  insertCase(c: {
    householdId: string | null; villageId: string | null; riskTypes: RiskType[]; urgency: Urgency; rulesFired: string[];
    summary: string; evidence: Evidence; matchMethod: string; reporter: string | null; at: Date;
  }): Promise<{ id: number; number: string }>;
  mergeIntoCase(caseId: number, add: { riskTypes: RiskType[]; urgency: Urgency; rulesFired: string[]; evidence: Evidence; at: Date }): Promise<void>;
  setCaseState(caseId: number, change: { state: string; closed: boolean }, at: Date): Promise<void>;
  responsibleCadre(householdId: string | null, villageId: string | null): Promise<{ userid: string; level: string } | null>;
  insertTask(t: { caseId: number; inboxId: number; cadre: string; deadlines: TaskDeadlines; at: Date }): Promise<number>;
  tasksFromInbox(inboxId: number): Promise<TaskNotice[]>;
  markTriaged(inboxId: number, caseId: number | null, at: Date): Promise<void>;
  audit(e: AuditEntry): Promise<void>;
}

/** A task whose card goes to its cadre. */
export interface TaskNotice { taskId: number; cadre: string }

export interface Evidence { inboxId: number; channel: string; text: string; at: string; refs?: Array<{ type: string; ref: string }> }

export interface TriageDeps {
  policy: Policy;
  timeZone: string;
  transaction<R>(fn: (store: TriageStore) => Promise<R>): Promise<R>;
}

export type TriageOutcome =
  | { status: 'missing' }
  | { status: 'created' | 'merged' | 'already'; caseId: number; caseNumber?: string; notices: TaskNotice[] };

/**
 * One inbox item → classified, matched to a household, merged into its open case or opened as a new one,
 * assigned along the chain with deadlines, audited. Idempotent by inbox id: a second run changes nothing
 * and returns the same task notices, so a retried job re-sends (deduplicated by job id) rather than loses them.
 */
export async function triageReport(deps: TriageDeps, inboxId: number, now: Date): Promise<TriageOutcome> {
  return deps.transaction(async (store) => {
    const item = await store.loadInbox(inboxId);
    if (!item) return { status: 'missing' };
    if (item.handledAt && item.caseId) return { status: 'already', caseId: item.caseId, notices: await store.tasksFromInbox(inboxId) };

    const report = item.payload as Report;
    const match = await store.matchHousehold(report.identity);
    const c = classifyReport({ text: report.text, kind: report.kind, amountYuan: report.amountYuan, householdStatus: match.status }, deps.policy);
    const evidence: Evidence = {
      inboxId, channel: report.channel, text: report.text, at: item.receivedAt.toISOString(), ...(report.evidence?.length ? { refs: report.evidence } : {}),
    };

    const open = match.householdId ? await store.openCasesOf(match.householdId) : [];
    const target = open.find((o) => shouldMerge(o.riskTypes, c.riskTypes, deps.policy.relatedRiskTypes as RiskType[][]));
    if (target) {
      await store.mergeIntoCase(target.id, { riskTypes: c.riskTypes, urgency: c.urgency, rulesFired: c.rulesFired, evidence, at: now });
      await store.markTriaged(inboxId, target.id, now);
      await store.audit({ actor: 'system', action: 'merge-signal', entity: 'case', entityId: String(target.id), note: `inbox ${inboxId}`, at: now });
      return { status: 'merged', caseId: target.id, caseNumber: target.number, notices: [] };
    }

    const created = await store.insertCase({
      householdId: match.householdId, villageId: match.villageId, riskTypes: c.riskTypes, urgency: c.urgency, rulesFired: c.rulesFired,
      summary: maskSecrets(report.text).slice(0, 500), evidence, matchMethod: match.method,
      reporter: report.channel === 'villager' ? report.reporter : null, at: now,
    });
    await store.audit({ actor: 'system', action: 'open-case', entity: 'case', entityId: String(created.id), toState: 'reported', note: `inbox ${inboxId}; ${match.method}`, at: now });
    const cadre = await store.responsibleCadre(match.householdId, match.villageId);
    if (cadre) {
      const deadlines = taskDeadlines(now, c.urgency, deps.policy, deps.timeZone);
      const taskId = await store.insertTask({ caseId: created.id, inboxId, cadre: cadre.userid, deadlines, at: now });
      await store.setCaseState(created.id, { state: 'assigned', closed: false }, now);
      await store.audit({ actor: 'system', action: 'assign', entity: 'case', entityId: String(created.id), fromState: 'reported', toState: 'assigned', note: `${cadre.level}: ${cadre.userid}, task ${taskId}`, at: now });
    }
    await store.markTriaged(inboxId, created.id, now);
    return { status: 'created', caseId: created.id, caseNumber: created.number, notices: await store.tasksFromInbox(inboxId) };
  });
}
