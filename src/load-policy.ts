import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parsePolicy, type Policy } from './domain/policy.js';

function readJson(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new Error(`读取政策文件 ${file} 失败：${(err as Error).message}`);
  }
}

/**
 * Reads and validates a county policy file (JSON) with the triage lexicons and model it names. A model
 * file not yet trained is no error: triage then runs on the rules alone.
 */
export function loadPolicy(file: string): Policy {
  const doc = readJson(file) as Record<string, unknown>;
  const files = doc.triageFiles as { lexicons?: unknown; model?: unknown } | undefined;
  if (files && Array.isArray(files.lexicons)) {
    const at = (f: unknown) => resolve(dirname(file), String(f));
    doc.triage = {
      lexicon: { files: files.lexicons.map((f) => readJson(at(f))) },
      model: typeof files.model === 'string' && existsSync(at(files.model)) ? readJson(at(files.model)) : null,
    };
  }
  return parsePolicy(doc);
}
