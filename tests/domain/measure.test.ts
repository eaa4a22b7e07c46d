import { describe, expect, it } from 'vitest';
import {
  MEASURE_GROUP,
  MEASURE_LABEL,
  MEASURE_TYPES,
  groupMeasures,
  measureStatusOf,
  measureTypeOf,
} from '../../src/domain/assistance/measure.js';

describe('measure types', () => {
  it('reads every label back as its type, and short forms cadres type', () => {
    for (const t of MEASURE_TYPES) expect(measureTypeOf(MEASURE_LABEL[t])).toBe(t);
    expect(measureTypeOf('雨露计划')).toBe('education');
    expect(measureTypeOf('慢病签约')).toBe('medical');
    expect(measureTypeOf('护林员')).toBeNull();
  });

  it('groups measures as 一增 / 一减 / 一补 in that order and leaves empty groups out', () => {
    const ms = [
      { type: 'dibao' as const },
      { type: 'industry' as const },
      { type: 'other' as const },
      { type: 'employment' as const },
    ];
    expect(groupMeasures(ms).map(([g, list]) => [g, list.map((m) => m.type)])).toEqual([
      ['increase', ['industry', 'employment']],
      ['fill', ['dibao']],
      ['other', ['other']],
    ]);
    expect(Object.keys(MEASURE_GROUP).sort()).toEqual([...MEASURE_TYPES].sort());
  });

  it('reads statuses', () => {
    expect(measureStatusOf('已落实')).toBe('done');
    expect(measureStatusOf('计划')).toBe('planned');
    expect(measureStatusOf('落实中')).toBe('in_progress');
    expect(measureStatusOf('无效')).toBe('void');
    expect(measureStatusOf('差不多')).toBeNull();
  });
});
