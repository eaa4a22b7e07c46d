import { describe, expect, it } from 'vitest';
import { classifyReport } from '../src/domain/triage/classify-report.js';
import { loadPolicy } from '../src/load-policy.js';

describe('loadPolicy', () => {
  it('reads the triage lexicons and model by default, and leaves them out for a process that never classifies', () => {
    const full = loadPolicy('policy/default.json');
    expect(full.triage?.lexicon.files.length).toBeGreaterThan(0);
    expect(full.triage?.model).not.toBeNull();
    expect(classifyReport({ text: '家里有人生病住院了' }, full).riskTypes).toContain('illness_disaster_accident');

    const lean = loadPolicy('policy/default.json', { triage: false });
    expect(lean.triage).toBeUndefined();
    expect(lean.visits).toEqual(full.visits); // the rest of the policy is the same
    expect(() => classifyReport({ text: '家里有人生病住院了' }, lean)).toThrow(/no triage lexicon/);
  });
});
