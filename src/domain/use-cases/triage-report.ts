import type { Policy, RiskType } from '../policy.js';
import { RISK_LABEL } from '../policy.js';
import { maskSecrets } from '../privacy.js';
import { classifyReport, type Urgency } from '../triage/classify-report.js';
import { formatLocal, taskDeadlines, type TaskDeadlines } from '../triage/deadlines.js';
import { shouldMerge } from '../triage/merge-rule.js';
import { CHANNEL_LABEL, type Report } from '../triage/report.js';
import type { HouseholdStatus } from '../types.js';

/** What triage reads and writes, all inside one transaction. */
export interface TriageStore {
  loadInbox(id: number): Promise<{ payload: unknown; triagedAt: Date | null; caseId: number | null; receivedAt: Date } | null>;
  matchHousehold(who: Report['identity']): Promise<{ householdId: string | null; villageId: string | null; status: HouseholdStatus | null; method: string }>;
  openCasesOf(householdId: string): Promise<Array<{ id: number; number: string; riskTypes: RiskType[] }>>;
  insertCase(c: {
    householdId: string | null; villageId: string | null; riskTypes: RiskType[]; urgency: Urgency; rulesFired: string[];
    summary: string; evidence: Evidence; matchMethod: string; reporter: string | null; at: Date;
  }): Promise<{ id: number; number: string }>;
  mergeIntoCase(caseId: number, add: { riskTypes: RiskType[]; urgency: Urgency; rulesFired: string[]; evidence: Evidence; at: Date }): Promise<void>;
  setCaseState(caseId: number, state: string, at: Date): Promise<void>;
  responsibleCadre(householdId: string | null, villageId: string | null): Promise<{ userid: string; level: string } | null>;
  householdLabel(householdId: string | null, villageId: string | null): Promise<{ head: string | null; village: string | null }>;
  insertTask(t: { caseId: number; inboxId: number; cadre: string; deadlines: TaskDeadlines; notice: string; at: Date }): Promise<number>;
  tasksFromInbox(inboxId: number): Promise<Array<{ taskId: number; cadre: string; notice: string }>>;
  markTriaged(inboxId: number, caseId: number | null, at: Date): Promise<void>;
  audit(e: { actor: string; action: string; entity: string; entityId: string; fromState?: string | null; toState?: string | null; note?: string; at: Date }): Promise<void>;
}

export interface Evidence { inboxId: number; channel: string; text: string; at: string; refs?: Array<{ type: string; ref: string }> }

export interface TriageDeps {
  policy: Policy;
  timeZone: string;
  transaction<R>(fn: (store: TriageStore) => Promise<R>): Promise<R>;
}

export type TriageOutcome =
  | { status: 'missing' }
  | { status: 'created' | 'merged' | 'already'; caseId: number; caseNumber?: string; notices: Array<{ taskId: number; cadre: string; notice: string }> };

/**
 * One inbox item → classified, matched to a household, merged into its open case or opened as a new one,
 * assigned along the chain with deadlines, audited. Idempotent by inbox id: a second run changes nothing
 * and returns the same notices, so a retried job re-sends (deduplicated by job id) rather than loses them.
 */
export async function triageReport(deps: TriageDeps, inboxId: number, now: Date): Promise<TriageOutcome> {
  return deps.transaction(async (store) => {
    const item = await store.loadInbox(inboxId);
    if (!item) return { status: 'missing' };
    if (item.triagedAt && item.caseId) return { status: 'already', caseId: item.caseId, notices: await store.tasksFromInbox(inboxId) };

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
      const label = await store.householdLabel(match.householdId, match.villageId);
      const notice = taskNotice({ number: created.number, riskTypes: c.riskTypes, urgency: c.urgency, report, label, deadlines, timeZone: deps.timeZone, matched: !!match.householdId });
      const taskId = await store.insertTask({ caseId: created.id, inboxId, cadre: cadre.userid, deadlines, notice, at: now });
      await store.setCaseState(created.id, 'assigned', now);
      await store.audit({ actor: 'system', action: 'assign', entity: 'case', entityId: String(created.id), fromState: 'reported', toState: 'assigned', note: `${cadre.level}: ${cadre.userid}, task ${taskId}`, at: now });
    }
    await store.markTriaged(inboxId, created.id, now);
    return { status: 'created', caseId: created.id, caseNumber: created.number, notices: await store.tasksFromInbox(inboxId) };
  });
}

function taskNotice(a: {
  number: string; riskTypes: RiskType[]; urgency: Urgency; report: Report; label: { head: string | null; village: string | null };
  deadlines: TaskDeadlines; timeZone: string; matched: boolean;
}): string {
  const types = a.riskTypes.length ? a.riskTypes.map((t) => RISK_LABEL[t]).join('、') : '待核实';
  const who = a.matched ? `${a.label.head ?? ''}户（${a.label.village ?? ''}）` : `未匹配到农户${a.label.village ? `（${a.label.village}）` : ''}，请核实是哪一户`;
  return [
    `【${a.urgency === 'green' ? '绿色通道·' : ''}新预警】${types}`,
    `编号：${a.number}`,
    `农户：${who}`,
    `情况：${maskSecrets(a.report.text).slice(0, 300)}`,
    `来源：${CHANNEL_LABEL[a.report.channel]}`,
    `请于 ${formatLocal(a.deadlines.ackDueAt, a.timeZone)} 前签收，${formatLocal(a.deadlines.verifyDueAt, a.timeZone)} 前入户核实。`,
    `回复「签收 ${a.number}」签收。`,
  ].join('\n');
}
