import { readFileSync } from 'node:fs';
import { parsePolicy, type Policy } from './domain/policy.js';

/** Reads and validates a county policy file (JSON). */
export function loadPolicy(file: string): Policy {
  let doc: unknown;
  try {
    doc = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new Error(`policy file ${file}: ${(err as Error).message}`);
  }
  return parsePolicy(doc);
}
