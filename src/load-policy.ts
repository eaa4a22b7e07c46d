import { existsSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parsePolicy, type Policy } from './domain/policy.js';

function readJson(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new Error(`读取政策文件 ${file} 失败：${(err as Error).message}`);
  }
}

/** The checkout this code runs from: the directory with package.json above src/ (tsx) or dist/src/ (built). */
function checkoutDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
}

/** A relative POLICY_FILE is looked for in the working directory, then in the checkout (for a start from elsewhere). */
function policyPath(file: string): string {
  if (isAbsolute(file) || existsSync(file)) return file;
  const inCheckout = join(checkoutDir(), file);
  return existsSync(inCheckout) ? inCheckout : file;
}

/** What loadPolicy reads besides the policy itself. */
export interface LoadPolicyOptions {
  /**
   * Read the triage lexicons and model the policy names (default true). A process that never classifies
   * a report (the web role, outside the simulator) leaves them out: the model alone is ~4 MB of heap.
   */
  triage?: boolean;
}

/**
 * Reads and validates a county policy file (JSON) with the triage lexicons and model it names. A model
 * file not yet trained is no error: triage then runs on the rules alone.
 */
export function loadPolicy(given: string, { triage = true }: LoadPolicyOptions = {}): Policy {
  const file = policyPath(given);
  const doc = readJson(file) as Record<string, unknown>;
  const files = doc.triageFiles as { lexicons?: unknown; model?: unknown } | undefined;
  if (triage && files && Array.isArray(files.lexicons)) {
    const at = (f: unknown) => resolve(dirname(file), String(f));
    doc.triage = {
      lexicon: { files: files.lexicons.map((f) => readJson(at(f))) },
      model: typeof files.model === 'string' && existsSync(at(files.model)) ? readJson(at(files.model)) : null,
    };
  }
  return parsePolicy(doc);
}
