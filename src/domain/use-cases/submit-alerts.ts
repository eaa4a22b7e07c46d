import type { Report } from '../triage/report.js';
import { AlertSchema, alertToReport } from '../intake/alert-schema.js';
import { unstorablePaths } from '../storable-text.js';

export interface SubmitAlertsDeps {
  /** Stores new items in one statement; returns those not seen before. */
  store(
    source: string,
    items: Array<{ sourceMsgId: string; payload: Report }>,
  ): Promise<Array<{ id: number; sourceMsgId: string }>>;
  /** Queues triage for the stored ids (one bulk call). */
  enqueue(inboxIds: number[]): Promise<void>;
  /** Redis refused or did not answer: the rows are stored all the same, and the reconciler queues them. */
  onEnqueueError(err: unknown, inboxIds: number[]): void;
}

export interface RowError {
  index: number;
  row?: number;
  reason: string;
}
export interface SubmitResult {
  received: number;
  accepted: number;
  duplicate: number;
  errors: RowError[];
}

const CHUNK = 5000;

/** Validates every row on its own; good rows are stored (idempotent by external_id) and queued, bad rows reported. */
export async function submitAlerts(
  deps: SubmitAlertsDeps,
  department: string,
  rows: unknown[],
  rowNumber?: (index: number) => number,
): Promise<SubmitResult> {
  const errors: RowError[] = [];
  const good: Array<{ sourceMsgId: string; payload: Report }> = [];
  const seen = new Set<string>();
  let duplicate = 0;
  const refuse = (index: number, reason: string) =>
    errors.push({ index, ...(rowNumber ? { row: rowNumber(index) } : {}), reason });
  for (const [index, raw] of rows.entries()) {
    // Checked before anything is stored: such a row would fail its whole 5,000-row statement.
    const unstorable = unstorablePaths(raw);
    if (unstorable.length) {
      refuse(
        index,
        `${unstorable.join('、')} 含有无法保存的字符（U+0000 或不成对的代理项），请删除这些字符后重新提交该行。`,
      );
      continue;
    }
    const parsed = AlertSchema.safeParse(raw);
    if (!parsed.success) {
      refuse(index, parsed.error.issues.map((i) => i.message).join('；'));
      continue;
    }
    if (seen.has(parsed.data.external_id)) {
      duplicate++;
      continue;
    }
    seen.add(parsed.data.external_id);
    good.push({ sourceMsgId: parsed.data.external_id, payload: alertToReport(parsed.data, department) });
  }
  let accepted = 0;
  for (let i = 0; i < good.length; i += CHUNK) {
    const chunk = good.slice(i, i + CHUNK);
    const stored = await deps.store(`dept:${department}`, chunk);
    accepted += stored.length;
    duplicate += chunk.length - stored.length;
    const ids = stored.map((s) => s.id);
    await deps.enqueue(ids).catch((err: unknown) => deps.onEnqueueError(err, ids));
  }
  return { received: rows.length, accepted, duplicate, errors };
}
