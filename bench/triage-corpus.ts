import { existsSync, readFileSync } from 'node:fs';
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

export type Split = 'train' | 'dev' | 'test';

/**
 * One split of corpus/triage as classifier input with its labels: train and dev with the later batch's
 * share (train-extra, dev-extra); a file's own name (`dev-extra`) reads that file alone.
 */
export function readSplit(split: Split | string, dir = 'corpus/triage'): LabelledReport[] {
  const files = [split, ...(split === 'train' || split === 'dev' ? [`${split}-extra`] : [])].filter(
    (f) => f === split || existsSync(`${dir}/${f}.jsonl`),
  );
  return files.flatMap((f) => readFile(`${dir}/${f}.jsonl`, f));
}

function readFile(path: string, split: string): LabelledReport[] {
  const lines = readFileSync(path, 'utf8')
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
