import type { FileSource } from '../import/table.js';
import type { RollImportResult, RollImports, RollKind } from '../ports/console.js';

/**
 * A county roll file from the console: written row by row (bad rows reported by line, the rest kept),
 * then any new 脱贫/监测 household is put on its visit plan.
 */
export async function importRoll(
  deps: { imports: RollImports },
  input: { kind: RollKind; file: FileSource; actor: string; charset?: string },
  now: Date,
): Promise<RollImportResult> {
  const result = await deps.imports.importFile(input.kind, input.file, input.actor, input.charset);
  await deps.imports.scheduleUnscheduled(now);
  return result;
}
