import { describe, expect, it } from 'vitest';
import { caseStatusText, surname, type VillagerCaseView } from '../../src/domain/chat/case-status.js';
import { classifyFollowUp } from '../../src/domain/chat/follow-up.js';
import type { RiskType } from '../../src/domain/policy.js';
import { classifyReport } from '../../src/domain/triage/classify-report.js';
import { loadPolicy } from '../../src/load-policy.js';

const policy = loadPolicy('policy/default.json');
const related = policy.relatedRiskTypes as RiskType[][];
const follow = (text: string, open: RiskType[]) =>
  classifyFollowUp(text, classifyReport({ text }, policy), [{ id: 1, riskTypes: open }], related).kind;

describe('classifyFollowUp', () => {
  it.each([
    ['我上次反映的事情办得怎么样了？', 'status'],
    ['查一下进度', 'status'],
    ['干部什么时候来？', 'status'],
    ['怎么还没人联系我', 'status'],
    ['谢谢你们', 'thanks'],
    ['好的，辛苦了！', 'thanks'],
    ['嗯嗯', 'thanks'],
    ['已经解决了，不用来了', 'withdraw'],
    ['不用了', 'withdraw'],
    ['补充一下，去年也断过两个月', 'evidence'],
  ])('%s → %s', (text, want) => {
    expect(follow(text, ['policy_gap'])).toBe(want);
  });

  it('a hardship of a different kind is a new report; more of the same kind is evidence', () => {
    const text = '我家房子裂了好大的缝，下雨漏水，住着害怕';
    const kind = classifyReport({ text }, policy).riskTypes;
    expect(kind.length).toBeGreaterThan(0);
    const other = (['dropout', 'water', 'housing', 'policy_gap'] as RiskType[]).find(
      (t) => !kind.includes(t) && !related.some((g) => g.includes(t) && g.some((x) => kind.includes(x))),
    )!;
    expect(follow(text, [other])).toBe('new_hardship');
    expect(follow(text, kind)).toBe('evidence');
  });

  it('files a hardship on the open case it belongs to, whichever the dialog spoke of last', () => {
    const text = '我家房子裂了好大的缝，下雨漏水';
    const kind = classifyReport({ text }, policy).riskTypes;
    const open = [
      { id: 2, riskTypes: ['dropout'] as RiskType[] },
      { id: 1, riskTypes: kind },
    ] as const;
    expect(classifyFollowUp(text, classifyReport({ text }, policy), open, related)).toEqual({
      kind: 'evidence',
      caseId: 1,
    });
  });
});

describe('caseStatusText', () => {
  const base: VillagerCaseView = {
    number: 'SW2026000001',
    state: 'assigned',
    closed: false,
    holderRole: 'helper',
    holderName: '王永华',
    ackDueAt: new Date('2026-12-02T02:00:00Z'),
    verifyDueAt: new Date('2026-12-04T10:00:00Z'),
    decideDueAt: null,
    reviewDueAt: null,
    nextVisitDueAt: null,
  };

  it('gives the state, the holder by role and surname, the next step and its date', () => {
    expect(caseStatusText([base], 'Asia/Shanghai')).toBe(
      '编号 SW2026000001：待签收，由帮扶责任人王干部负责。下一步：干部签收后与您联系，12月2日 10:00 前。',
    );
    expect(caseStatusText([{ ...base, state: 'acknowledged' }], 'Asia/Shanghai')).toContain(
      '干部上门核实情况，12月4日 18:00 前',
    );
  });

  it('says a closed case is closed and invites a new report', () => {
    const text = caseStatusText([{ ...base, state: 'not_included', closed: true }], 'Asia/Shanghai');
    expect(text).toContain('已办结（不纳入监测）');
    expect(text).not.toContain('王');
  });

  it('never names more than the surname', () => {
    expect(surname('欧阳明')).toBe('欧阳');
    expect(caseStatusText([base], 'Asia/Shanghai')).not.toContain('永华');
  });
});
