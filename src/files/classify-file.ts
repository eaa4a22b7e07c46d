import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Policy } from '../domain/policy.js';
import { classifyReport } from '../domain/triage/classify-report.js';
import { factsOfLine } from '../domain/intake/triage-line.js';

/** One output line of `cli classify`: the stable interface of ../shared/TRIAGE-LABELS.md. */
export type ClassifiedLine =
  | { id: string; riskTypes: string[]; urgency: 'green' | 'normal'; why: string[] }
  | { id: string | null; error: string };

/** Classifies one input line (JSON text); never throws for bad input. */
export function classifyLine(line: string, policy: Policy): ClassifiedLine {
  let raw: unknown;
  try {
    raw = JSON.parse(line);
  } catch {
    return { id: null, error: '这一行不是有效的 JSON。' };
  }
  const read = factsOfLine(raw);
  if (!read.ok) return { id: read.id, error: read.error };
  const c = classifyReport(read.facts, policy);
  return { id: read.id, riskTypes: c.riskTypes, urgency: c.urgency, why: c.rulesFired };
}

/** Streams a JSON Lines file: one output line per input line, in order (a blank line is an error line too). */
export async function classifyFile(file: string, policy: Policy, write: (line: string) => void): Promise<number> {
  const lines = createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity });
  let n = 0;
  for await (const line of lines) {
    write(JSON.stringify(line.trim() ? classifyLine(line, policy) : { id: null, error: '空行：没有报告。' }));
    n++;
  }
  return n;
}
