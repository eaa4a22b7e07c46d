import { describe, expect, it } from 'vitest';
import {
  CASE_EVENTS,
  CASE_STATES,
  transition,
  type CaseEvent,
  type CaseState,
} from '../../src/domain/cases/case-lifecycle.js';

// Written out by hand from the issue (reported → assigned → acknowledged → verified → decided → assisting →
// risk removed → reviewed), not derived from the implementation's table.
const LEGAL: Array<[CaseState, CaseEvent, CaseState]> = [
  ['reported', 'assign', 'assigned'],
  ['assigned', 'acknowledge', 'acknowledged'],
  ['acknowledged', 'verify', 'verified'],
  ['verified', 'propose', 'proposed'],
  ['assigned', 'propose_green', 'proposed'],
  ['acknowledged', 'propose_green', 'proposed'],
  ['verified', 'propose_green', 'proposed'],
  ['proposed', 'include', 'included'],
  ['verified', 'exclude', 'not_included'],
  ['proposed', 'exclude', 'not_included'],
  ['proposed', 'withdraw', 'verified'],
  ['included', 'revoke', 'not_included'],
  ['assisting', 'revoke', 'not_included'],
  ['assigned', 'merge', 'merged'],
  ['acknowledged', 'merge', 'merged'],
  ['verified', 'merge', 'merged'],
  ['included', 'assist', 'assisting'],
  ['assisting', 'assist', 'assisting'],
  ['assisting', 'propose_removal', 'removal_proposed'],
  ['removal_proposed', 'withdraw_removal', 'assisting'],
  ['removal_proposed', 'remove_risk', 'risk_removed'],
  ['risk_removed', 'review', 'reviewed'],
];

describe('case lifecycle', () => {
  it.each(LEGAL)('%s --%s--> %s', (from, event, to) => {
    expect(transition(from, event)).toEqual({ ok: true, from, to });
  });

  const illegal = CASE_STATES.flatMap((s) => CASE_EVENTS.map((e) => [s, e] as const)).filter(
    ([s, e]) => !LEGAL.some(([f, ev]) => f === s && ev === e),
  );
  it('has exactly the legal pairs above', () => {
    expect(illegal.length).toBe(CASE_STATES.length * CASE_EVENTS.length - LEGAL.length);
  });

  it.each(illegal)('refuses %s --%s--> with a Chinese reason', (from, event) => {
    const r = transition(from, event);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toMatch(/[\u4e00-\u9fa5]/);
  });

  it('says a repeated step was already done', () => {
    expect(transition('acknowledged', 'acknowledge')).toEqual({ ok: false, reason: '已经「已签收」，无需重复签收。' });
  });

  it('tells what comes next when a step is skipped', () => {
    expect(transition('assigned', 'verify')).toEqual({
      ok: false,
      reason: '当前状态是「待签收」，不能入户核实；请先签收。',
    });
  });

  it('refuses a guarded step while conditions are unmet, listing them', () => {
    expect(transition('assisting', 'propose_removal', ['还没有登记帮扶措施', '收入未高于监测线'])).toEqual({
      ok: false,
      reason: '暂不能申请风险消除：还没有登记帮扶措施；收入未高于监测线。',
    });
  });
});
