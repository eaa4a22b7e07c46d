import { describe, expect, it } from 'vitest';
import {
  actOnProcedure,
  identificationSteps,
  startProcedure,
  stateLabel,
  whoseTurn,
  type Procedure,
  type ProcedureAction,
  type ProcedureResult,
} from '../../../src/domain/procedure/procedure.js';
import { overdueWarnings, procedureDueAt, stepDueAt } from '../../../src/domain/procedure/procedure-deadlines.js';
import { loadPolicy } from '../../../src/load-policy.js';
import type { CadreRole } from '../../../src/domain/types.js';

const policy = loadPolicy('policy/default.json');
const tz = 'Asia/Shanghai';
const DAY = 86_400_000;
// Tuesday 2026-12-01 10:00 local.
const t0 = new Date('2026-12-01T02:00:00Z');
const at = (days: number) => new Date(t0.getTime() + days * DAY);

const review = (passed: boolean, heldOn = at(1)) => ({
  kind: 'review' as const,
  review: { heldOn, participants: '村民代表12人', count: 12, passed, minutes: '一致同意' },
});

function ordinary(): Procedure {
  return startProcedure({
    kind: 'identify',
    green: false,
    steps: identificationSteps(policy, false, true),
    category: 'edge',
    override: null,
    removalMode: null,
    firstClueAt: t0,
    now: t0,
  });
}

/** Applies a step that must succeed, returning the new procedure and its effect. */
function ok(p: Procedure, action: ProcedureAction, role: CadreRole, now: Date) {
  const r = actOnProcedure(p, action, { role }, now, policy);
  if (!r.ok) throw new Error(`refused: ${r.reason}`);
  return r;
}
const refusal = (r: ProcedureResult) => (r.ok ? 'accepted' : r.reason);

describe('identification procedure, ordinary', () => {
  it('runs 评议 → 公示 (5 days) → 乡镇审核 → 县级确认 and includes at the county step only', () => {
    let p = ordinary();
    expect(p.steps).toEqual(['village_review', 'notice', 'township_review', 'county_confirm']);
    expect(whoseTurn(p, policy)).toEqual(['village']);
    let r = ok(p, review(true), 'village', at(1));
    expect([r.from, r.to, r.effect]).toEqual(['村级民主评议', '村级公示', 'none']);
    p = r.procedure;
    expect(p.review?.count).toBe(12);
    expect(p.notice?.startedAt).toEqual(at(1));
    r = ok(p, { kind: 'pass', note: '' }, 'village', at(6));
    expect([r.to, r.effect]).toEqual(['乡镇审核', 'none']);
    r = ok(r.procedure, { kind: 'pass', note: '同意' }, 'township', at(7));
    expect([r.to, r.effect]).toEqual(['县级确认', 'none']);
    expect(whoseTurn(r.procedure, policy)).toEqual(['county']);
    r = ok(r.procedure, { kind: 'pass', note: '' }, 'county', at(8));
    expect([r.to, r.effect, r.procedure.status]).toEqual(['已完成', 'include', 'done']);
    expect(r.procedure.confirmedAt).toEqual(at(8));
    expect(whoseTurn(r.procedure, policy)).toEqual([]);
    expect(refusal(actOnProcedure(r.procedure, { kind: 'pass', note: '' }, { role: 'county' }, at(9), policy))).toBe(
      '该程序已结束（已完成），不能再办理。',
    );
  });

  it('refuses the wrong role at every step, naming who should act', () => {
    const p = ordinary();
    for (const role of ['helper', 'township', 'county'] as const)
      expect(refusal(actOnProcedure(p, review(true), { role }, at(1), policy))).toMatch(
        /^现在是「村级民主评议」，应由包村干部办理，您是/,
      );
    const atTownship = ok(
      ok(p, review(true), 'village', at(1)).procedure,
      { kind: 'pass', note: '' },
      'village',
      at(6),
    ).procedure;
    expect(refusal(actOnProcedure(atTownship, { kind: 'pass', note: '' }, { role: 'county' }, at(7), policy))).toBe(
      '现在是「乡镇审核」，应由包片领导办理，您是县乡村振兴局。',
    );
    expect(
      refusal(actOnProcedure(atTownship, { kind: 'pass', note: '' }, { role: 'village' }, at(7), policy)),
    ).toContain('应由包片领导办理');
  });

  it('refuses steps out of order: 通过 without the review record, a review outside its step, objections before 公示', () => {
    const p = ordinary();
    expect(refusal(actOnProcedure(p, { kind: 'pass', note: '' }, { role: 'village' }, at(1), policy))).toContain(
      '民主评议请记录日期、参加人员和结果',
    );
    expect(
      refusal(actOnProcedure(p, { kind: 'objection', text: '他家有车' }, { role: 'village' }, at(1), policy)),
    ).toContain('只有公示期间才能登记异议');
    const inNotice = ok(p, review(true), 'village', at(1)).procedure;
    expect(refusal(actOnProcedure(inNotice, review(true), { role: 'village' }, at(2), policy))).toBe(
      '现在是「村级公示」，不是村级民主评议。',
    );
    expect(
      refusal(
        actOnProcedure(
          p,
          { kind: 'review', review: { ...review(true).review, count: 0, participants: '' } },
          { role: 'village' },
          at(1),
          policy,
        ),
      ),
    ).toContain('须写明参加人员');
    expect(refusal(actOnProcedure(p, review(true, at(3)), { role: 'village' }, at(1), policy))).toBe(
      '评议日期不能晚于今天。',
    );
  });

  it('refuses to end a 公示 shorter than the policy, or with an objection unresolved', () => {
    const inNotice = ok(ordinary(), review(true), 'village', at(1)).procedure;
    expect(refusal(actOnProcedure(inNotice, { kind: 'pass', note: '' }, { role: 'village' }, at(5.9), policy))).toBe(
      '公示须满 5 天，已公示 4 天，不能结束公示。',
    );
    const objected = ok(inNotice, { kind: 'objection', text: '邻居反映其子女在城里有房' }, 'village', at(2)).procedure;
    expect(objected.notice?.objections).toHaveLength(1);
    expect(refusal(actOnProcedure(objected, { kind: 'pass', note: '' }, { role: 'village' }, at(7), policy))).toContain(
      '还有 1 条异议没有处理',
    );
    expect(
      refusal(
        actOnProcedure(objected, { kind: 'resolve', index: 2, resolution: 'x' }, { role: 'village' }, at(3), policy),
      ),
    ).toBe('没有第 2 条异议（共 1 条）。');
    expect(
      refusal(
        actOnProcedure(objected, { kind: 'resolve', index: 1, resolution: ' ' }, { role: 'village' }, at(3), policy),
      ),
    ).toContain('请写明');
    const resolved = ok(
      objected,
      { kind: 'resolve', index: 1, resolution: '经核实房产已出售，异议不成立' },
      'village',
      at(3),
    ).procedure;
    expect(
      refusal(
        actOnProcedure(resolved, { kind: 'resolve', index: 1, resolution: '再议' }, { role: 'village' }, at(3), policy),
      ),
    ).toContain('已经处理过了');
    expect(ok(resolved, { kind: 'pass', note: '' }, 'village', at(7)).to).toBe('乡镇审核');
  });

  it('退回 goes one step back with a reason (a new 公示 when it goes back to it); from the first step back to the proposer', () => {
    const inNotice = ok(ordinary(), review(true), 'village', at(1)).procedure;
    const atTownship = ok(inNotice, { kind: 'pass', note: '' }, 'village', at(6)).procedure;
    expect(
      refusal(actOnProcedure(atTownship, { kind: 'return', reason: '  ' }, { role: 'township' }, at(7), policy)),
    ).toBe('退回须写明原因。');
    const back = ok(atTownship, { kind: 'return', reason: '公示照片不清楚' }, 'township', at(7));
    expect([back.from, back.to, back.effect]).toEqual(['乡镇审核', '村级公示', 'none']);
    expect(back.procedure.notice?.startedAt).toEqual(at(7));
    expect(
      refusal(actOnProcedure(back.procedure, { kind: 'pass', note: '' }, { role: 'village' }, at(8), policy)),
    ).toContain('公示须满 5 天');
    const first = ordinary();
    const withdrawn = ok(first, { kind: 'return', reason: '收入数据要重新核实' }, 'village', at(1));
    expect([withdrawn.effect, withdrawn.procedure.status, withdrawn.to]).toEqual(['withdraw', 'withdrawn', '已退回']);
  });

  it('ends with 不纳入 when the village review does not pass or a reviewer rejects', () => {
    const r = ok(ordinary(), review(false), 'village', at(1));
    expect([r.effect, r.procedure.status]).toEqual(['reject', 'rejected']);
    expect(r.procedure.review?.passed).toBe(false);
    const atTownship = ok(
      ok(ordinary(), review(true), 'village', at(1)).procedure,
      { kind: 'pass', note: '' },
      'village',
      at(6),
    ).procedure;
    expect(ok(atTownship, { kind: 'reject', reason: '有财政供养人员' }, 'township', at(7)).effect).toBe('reject');
  });

  it('has step deadlines in working days and the whole procedure within 15 days of the first clue', () => {
    const p = ordinary();
    // 3 working days from Tuesday 12-01: Friday 12-04.
    expect(stepDueAt(p, policy, tz)).toEqual(new Date('2026-12-04T02:00:00Z'));
    // 15 calendar days (12-16) comes before 20 working days (12-29).
    expect(procedureDueAt(p, policy, tz)).toEqual(at(15));
    expect(overdueWarnings(p, at(2), policy, tz)).toEqual([]);
    expect(overdueWarnings(p, at(3.5), policy, tz)).toEqual(['「村级民主评议」已超时（应于 12月4日 10:00 前完成）']);
    expect(overdueWarnings(p, at(16), policy, tz)).toHaveLength(2);
  });
});

describe('identification procedure, 绿色通道 (先纳入后核查)', () => {
  const green = (verified = false) =>
    startProcedure({
      kind: 'identify',
      green: true,
      steps: identificationSteps(policy, true, verified),
      category: 'sudden',
      override: null,
      removalMode: null,
      firstClueAt: t0,
      now: t0,
    });

  it('starts with the county, due within a day, then checks: 入户核实, 评议, 公示, 乡镇审核', () => {
    const p = green();
    expect(p.steps).toEqual(['county_confirm', 'home_check', 'village_review', 'notice', 'township_review']);
    expect(green(true).steps).toEqual(['county_confirm', 'village_review', 'notice', 'township_review']);
    expect(stepDueAt(p, policy, tz)).toEqual(at(1));
    let r = ok(p, { kind: 'pass', note: '' }, 'county', at(0.2));
    expect([r.from, r.to, r.effect]).toEqual(['县级确认', '核查·入户核实', 'include']);
    expect(whoseTurn(r.procedure, policy)).toEqual(['helper', 'village']);
    r = ok(r.procedure, { kind: 'pass', note: '已入户，住院属实' }, 'helper', at(1));
    r = ok(r.procedure, review(true, at(2)), 'village', at(2));
    r = ok(r.procedure, { kind: 'pass', note: '' }, 'village', at(7));
    r = ok(r.procedure, { kind: 'pass', note: '' }, 'township', at(8));
    expect([r.effect, r.procedure.status]).toEqual(['none', 'done']);
  });

  it('a later check reverses the inclusion with its reason', () => {
    const confirmed = ok(green(), { kind: 'pass', note: '' }, 'county', at(0.2)).procedure;
    const checked = ok(confirmed, { kind: 'pass', note: '' }, 'helper', at(1)).procedure;
    const r = ok(checked, review(false, at(2)), 'village', at(2));
    expect([r.effect, r.procedure.status, r.to]).toEqual(['reverse', 'reversed', '已撤销']);
    expect(ok(confirmed, { kind: 'return', reason: '并非突发' }, 'helper', at(1)).effect).toBe('reverse');
  });

  it('the county sending a green case back puts it on the ordinary path; refusing it is 不纳入', () => {
    const r = ok(green(), { kind: 'return', reason: '不属于突发情况' }, 'county', at(0.2));
    expect(r.procedure.green).toBe(false);
    expect(r.procedure.steps).toEqual(['home_check', 'village_review', 'notice', 'township_review', 'county_confirm']);
    expect([r.effect, stateLabel(r.procedure)]).toEqual(['none', '入户核实']);
    expect(ok(green(), { kind: 'reject', reason: '收入很高' }, 'county', at(0.2)).effect).toBe('reject');
    expect(
      refusal(actOnProcedure(green(), { kind: 'pass', note: '' }, { role: 'village' }, at(0.1), policy)),
    ).toContain('应由县乡村振兴局办理');
  });
});

describe('exit procedure', () => {
  const exit = () =>
    startProcedure({
      kind: 'exit',
      green: true, // ignored for an exit
      steps: [...policy.procedure.exitSteps],
      category: null,
      override: null,
      removalMode: 'assisted',
      firstClueAt: t0,
      now: t0,
    });

  it('removes the risk at the county step; 不通过 keeps the household monitored', () => {
    const p = exit();
    expect(p.green).toBe(false);
    let r = ok(p, review(true), 'village', at(1));
    r = ok(r.procedure, { kind: 'pass', note: '' }, 'village', at(6));
    r = ok(r.procedure, { kind: 'pass', note: '' }, 'township', at(7));
    r = ok(r.procedure, { kind: 'pass', note: '' }, 'county', at(8));
    expect([r.effect, r.procedure.status]).toEqual(['remove', 'done']);
    expect(ok(exit(), review(false), 'village', at(1)).effect).toBe('withdraw');
    expect(procedureDueAt(p, policy, tz)).toEqual(new Date('2026-12-29T02:00:00Z'));
  });
});
