import { describe, expect, it } from 'vitest';
import { suggestMeasures, suggestionLine, type PlanMember } from '../../src/domain/assistance/suggest-measures.js';

const person = (
  id: number,
  name: string,
  labour: PlanMember['labour'],
  more: Partial<PlanMember> = {},
): PlanMember => ({
  id,
  name,
  labour,
  age: 40,
  schooling: '非在校',
  health: '健康',
  disability: '',
  ...more,
});

/** Suggestions for 一户一策: 开发式 first where someone can work, 兜底 where nobody can. */
describe('suggestMeasures', () => {
  it('puts work first for a household with labour, then the measures its risks call for', () => {
    const members = [
      person(1, '张大山', 'full'),
      person(2, '李秀英', 'partial', { health: '长期慢性病' }),
      person(3, '张小花', null, { age: 17, schooling: '中职' }),
    ];
    const s = suggestMeasures({ riskTypes: ['illness_disaster_accident', 'dropout'], members, measures: [] });
    expect(s.map((x) => [x.type, x.memberName])).toEqual([
      ['employment', '张大山'],
      ['public_job', '李秀英'],
      ['industry', null],
      ['medical', '李秀英'],
      ['insurance', null],
      ['temp_relief', null],
      ['education', '张小花'],
    ]);
    expect(s.some((x) => x.type === 'dibao')).toBe(false);
    expect(suggestionLine(s)).toBe(
      '就业帮扶（张大山）、公益岗位（李秀英）、产业帮扶、医疗救助/慢病签约（李秀英） 等 7 项',
    );
  });

  it('suggests the safety net, not work, when nobody in the household can work', () => {
    const s = suggestMeasures({
      riskTypes: ['income_drop'],
      members: [person(1, '王奶奶', 'none', { age: 78 })],
      measures: [],
    });
    expect(s.map((x) => x.type)).toEqual(['dibao', 'tekun']);
    expect(s[0]!.why).toContain('兜底');
  });

  it('suggests nothing about labour until it is registered, and leaves out what the plan already has', () => {
    const unknown = suggestMeasures({ riskTypes: ['housing'], members: [person(1, '赵一', null)], measures: [] });
    expect(unknown.map((x) => x.type)).toEqual(['housing']);
    const members = [person(1, '张大山', 'full')];
    const planned = suggestMeasures({
      riskTypes: ['water'],
      members,
      measures: [
        { type: 'employment', status: 'done', memberId: 1 },
        { type: 'water', status: 'void', memberId: null },
      ],
    });
    // Work is in place and no income drop: only the water gap (a void measure does not count).
    expect(planned.map((x) => x.type)).toEqual(['water']);
  });
});
