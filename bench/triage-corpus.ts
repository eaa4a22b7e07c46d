import { readFileSync } from 'node:fs';
import type { RiskType } from '../src/domain/policy.js';
import type { ReportFacts } from '../src/domain/triage/classify-report.js';
import { factsOfLine } from '../src/domain/intake/triage-line.js';

export interface LabelledReport {
  id: string;
  channel: string;
  facts: ReportFacts;
  riskTypes: RiskType[];
  urgency: 'green' | 'normal';
  isReport: boolean;
  note: string;
}

/** One split of corpus/triage (train, dev or test), as classifier input with its labels. */
export function readSplit(split: 'train' | 'dev' | 'test', dir = 'corpus/triage'): LabelledReport[] {
  const lines = readFileSync(`${dir}/${split}.jsonl`, 'utf8')
    .split('\n')
    .filter((l) => l.trim());
  return lines.map((l, i) => {
    const raw = JSON.parse(l);
    const read = factsOfLine(raw);
    if (!read.ok) throw new Error(`${split}.jsonl line ${i + 1}: ${read.error}`);
    return {
      id: read.id,
      channel: raw.channel,
      facts: read.facts,
      riskTypes: [...raw.riskTypes].sort(),
      urgency: raw.urgency,
      isReport: raw.isReport,
      note: raw.note ?? '',
    };
  });
}
