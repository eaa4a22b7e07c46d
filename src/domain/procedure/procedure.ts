import type { Policy } from '../policy.js';
import { ROLE_LABEL, type CadreRole, type MonitoringKind } from '../types.js';
import type { RemovalMode } from './exit-conditions.js';
import { STEP_LABEL, type StepKey } from './procedure-policy.js';

export type ProcedureKind = 'identify' | 'exit';
/** open: a step is running; done: every step passed; the rest end it early. */
export type ProcedureStatus = 'open' | 'done' | 'rejected' | 'withdrawn' | 'reversed';

export interface VillageReview {
  /** The day of the meeting. */
  heldOn: Date;
  participants: string;
  count: number;
  passed: boolean;
  minutes: string;
}

/** "12人", or "张三、李四…（12人）" when names were given. */
export const participantsOf = (r: VillageReview) =>
  r.participants === `${r.count}人` ? r.participants : `${r.participants}（${r.count}人）`;

export interface Objection {
  text: string;
  raisedAt: Date;
  resolution: string | null;
  resolvedAt: Date | null;
}

/** One identification or exit procedure of a case, as a value. */
export interface Procedure {
  kind: ProcedureKind;
  /** 绿色通道 (identification only): the county confirms first, the checks follow and may reverse it. */
  green: boolean;
  /** The steps in order, fixed when the procedure starts. */
  steps: StepKey[];
  /** Index of the running step (steps.length once done). */
  at: number;
  status: ProcedureStatus;
  category: MonitoringKind | null;
  /** Why a category the income does not fit was proposed anyway (shown to every reviewer). */
  override: string | null;
  removalMode: RemovalMode | null;
  firstClueAt: Date;
  stepStartedAt: Date;
  /** The county's confirmation (for a green case, before the checks). */
  confirmedAt: Date | null;
  review: VillageReview | null;
  notice: { startedAt: Date; objections: Objection[] } | null;
}

export type ProcedureAction =
  | { kind: 'pass'; note: string }
  /** 退回: back to the step before (or to the proposer), with a reason. */
  | { kind: 'return'; reason: string }
  /** 不予纳入 / 不予消除: ends the procedure. */
  | { kind: 'reject'; reason: string }
  | { kind: 'review'; review: VillageReview }
  | { kind: 'objection'; text: string }
  | { kind: 'resolve'; index: number; resolution: string };

/**
 * What the step did to the case: include (纳入监测 with the category), reject (不纳入), reverse (a green
 * inclusion undone), withdraw (back to the proposer; an exit's household stays monitored), remove (风险消除).
 */
export type ProcedureEffect = 'none' | 'include' | 'reject' | 'reverse' | 'withdraw' | 'remove';

export type ProcedureResult =
  | { ok: true; procedure: Procedure; effect: ProcedureEffect; from: string; to: string }
  | { ok: false; reason: string };

export interface Actor {
  role: CadreRole;
}

const DAY = 86_400_000;

/** The steps of a new identification: a green one starts with the county and checks afterwards. */
export function identificationSteps(policy: Policy, green: boolean, verified: boolean): StepKey[] {
  const steps = policy.procedure.identifySteps;
  if (!green) return [...steps];
  const checks = steps.filter((s) => s !== 'county_confirm');
  return ['county_confirm', ...(verified || checks.includes('home_check') ? [] : ['home_check' as const]), ...checks];
}

export function startProcedure(p: {
  kind: ProcedureKind;
  green: boolean;
  steps: StepKey[];
  category: MonitoringKind | null;
  override: string | null;
  removalMode: RemovalMode | null;
  firstClueAt: Date;
  now: Date;
}): Procedure {
  return {
    kind: p.kind,
    green: p.kind === 'identify' && p.green,
    steps: p.steps,
    at: 0,
    status: 'open',
    category: p.category,
    override: p.override,
    removalMode: p.removalMode,
    firstClueAt: p.firstClueAt,
    stepStartedAt: p.now,
    confirmedAt: null,
    review: null,
    notice: null,
  };
}

export const currentStep = (p: Procedure): StepKey | null => (p.status === 'open' ? (p.steps[p.at] ?? null) : null);

/** Who may act now (empty once the procedure has ended). */
export function whoseTurn(p: Procedure, policy: Policy): readonly CadreRole[] {
  const step = currentStep(p);
  return step ? policy.procedure.roles[step] : [];
}

/** A green case's checks after the county's confirmation: a failed one undoes the inclusion. */
const checking = (p: Procedure) => p.green && p.confirmedAt !== null;

export const stateLabel = (p: Procedure): string => {
  const step = currentStep(p);
  if (step) return `${p.green && checking(p) ? '核查·' : ''}${STEP_LABEL[step]}`;
  return { open: '', done: '已完成', rejected: '未通过', withdrawn: '已退回', reversed: '已撤销' }[p.status];
};

/**
 * One action on a procedure by a cadre of a role: the next procedure and what it did to the case, or why
 * not (wrong role, wrong step, a 公示 not yet run its days, an objection open, a reason missing).
 */
export function actOnProcedure(
  p: Procedure,
  action: ProcedureAction,
  actor: Actor,
  now: Date,
  policy: Policy,
): ProcedureResult {
  const step = currentStep(p);
  if (!step) return { ok: false, reason: `该程序已结束（${stateLabel(p)}），不能再办理。` };
  const allowed = policy.procedure.roles[step];
  if (!allowed.includes(actor.role))
    return {
      ok: false,
      reason: `现在是「${STEP_LABEL[step]}」，应由${allowed.map((r) => ROLE_LABEL[r]).join('或')}办理，您是${ROLE_LABEL[actor.role]}。`,
    };
  const from = stateLabel(p);
  const done = (next: Procedure, effect: ProcedureEffect = 'none'): ProcedureResult => ({
    ok: true,
    procedure: next,
    effect,
    from,
    to: stateLabel(next),
  });
  switch (action.kind) {
    case 'pass':
      return passStep(p, step, now, policy, done);
    case 'return':
    case 'reject': {
      const reason = action.reason.trim();
      if (!reason) return { ok: false, reason: `${action.kind === 'return' ? '退回' : '不予通过'}须写明原因。` };
      return endOrBack(p, action.kind, now, done);
    }
    case 'review': {
      if (step !== 'village_review') return { ok: false, reason: `现在是「${STEP_LABEL[step]}」，不是村级民主评议。` };
      const r = action.review;
      if (r.count < 1 || !r.participants.trim())
        return { ok: false, reason: '民主评议须写明参加人员（例：参加12人）。' };
      if (r.heldOn > now) return { ok: false, reason: '评议日期不能晚于今天。' };
      const reviewed = { ...p, review: r };
      if (!r.passed) return endOrBack(reviewed, 'reject', now, done);
      return done(advance(reviewed, now));
    }
    case 'objection': {
      if (step !== 'notice') return { ok: false, reason: `现在是「${STEP_LABEL[step]}」，只有公示期间才能登记异议。` };
      if (!action.text.trim()) return { ok: false, reason: '请写明异议内容。' };
      const objection: Objection = { text: action.text.trim(), raisedAt: now, resolution: null, resolvedAt: null };
      return done({ ...p, notice: { ...p.notice!, objections: [...p.notice!.objections, objection] } });
    }
    case 'resolve': {
      const objections = p.notice?.objections ?? [];
      const o = objections[action.index - 1];
      if (step !== 'notice' || !o)
        return { ok: false, reason: `没有第 ${action.index} 条异议（共 ${objections.length} 条）。` };
      if (o.resolution) return { ok: false, reason: `第 ${action.index} 条异议已经处理过了。` };
      if (!action.resolution.trim()) return { ok: false, reason: '请写明异议的核查和处理结果。' };
      const resolved = objections.map((x, i) =>
        i === action.index - 1 ? { ...x, resolution: action.resolution.trim(), resolvedAt: now } : x,
      );
      return done({ ...p, notice: { ...p.notice!, objections: resolved } });
    }
  }
}

function passStep(
  p: Procedure,
  step: StepKey,
  now: Date,
  policy: Policy,
  done: (next: Procedure, effect?: ProcedureEffect) => ProcedureResult,
): ProcedureResult {
  if (step === 'village_review')
    return { ok: false, reason: '民主评议请记录日期、参加人员和结果：评议 编号 通过 参加12人 纪要……' };
  if (step === 'notice') {
    const days = policy.procedure.noticeDays;
    const startedAt = p.notice?.startedAt ?? p.stepStartedAt;
    const until = new Date(startedAt.getTime() + days * DAY);
    if (now < until)
      return {
        ok: false,
        reason: `公示须满 ${days} 天，已公示 ${Math.floor((now.getTime() - startedAt.getTime()) / DAY)} 天，不能结束公示。`,
      };
    const open = (p.notice?.objections ?? []).filter((o) => !o.resolution).length;
    if (open) return { ok: false, reason: `还有 ${open} 条异议没有处理，请先核查处理（异议处理 编号 序号 结果）。` };
  }
  const next = advance(p, now);
  if (step !== 'county_confirm') return done(next);
  const confirmed = { ...next, confirmedAt: now };
  if (p.kind === 'exit') return done(confirmed, 'remove');
  // A green case is included by the county first; an ordinary one at its last step.
  return done(confirmed, p.confirmedAt ? 'none' : 'include');
}

function advance(p: Procedure, now: Date): Procedure {
  const at = p.at + 1;
  const next: Procedure = { ...p, at, stepStartedAt: now, status: at >= p.steps.length ? 'done' : 'open' };
  if (p.steps[at] === 'notice') next.notice = { startedAt: now, objections: [] };
  return next;
}

/**
 * 退回 goes one step back (from the first step, back to the proposer); 不予通过 ends it. In a green case's
 * checks either undoes the inclusion; the county sending a green case back puts it on the ordinary path.
 */
function endOrBack(
  p: Procedure,
  kind: 'return' | 'reject',
  now: Date,
  done: (next: Procedure, effect?: ProcedureEffect) => ProcedureResult,
): ProcedureResult {
  if (checking(p)) return done({ ...p, status: 'reversed' }, 'reverse');
  if (p.green && kind === 'return') {
    const steps = p.steps.filter((s) => s !== 'county_confirm');
    return done({ ...p, green: false, steps: [...steps, 'county_confirm'], at: 0, stepStartedAt: now });
  }
  if (kind === 'reject') return done({ ...p, status: 'rejected' }, p.kind === 'exit' ? 'withdraw' : 'reject');
  if (p.at === 0) return done({ ...p, status: 'withdrawn' }, 'withdraw');
  const back = { ...p, at: p.at - 1, stepStartedAt: now };
  if (back.steps[back.at] === 'village_review') back.review = null;
  if (back.steps[back.at] === 'notice') back.notice = { startedAt: now, objections: p.notice?.objections ?? [] };
  return done(back);
}
