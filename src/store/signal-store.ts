import type { TriageSignal } from '../domain/ports/triage.js';
import type { Queryable } from './db.js';

/** One row per triaged report, in one statement whatever the batch size. */
export async function insertSignals(db: Queryable, signals: TriageSignal[]): Promise<void> {
  if (!signals.length) return;
  await db.query(
    `INSERT INTO triage_signals (inbox_id, household_id, village_id, channel, source, kind, verdict, measure, amount_yuan, threshold_yuan, reason, case_id, at)
     SELECT r.inbox_id, r.household_id, r.village_id, r.channel, r.source, r.kind, r.verdict, r.measure, r.amount_yuan, r.threshold_yuan, r.reason, r.case_id, r.at
       FROM jsonb_to_recordset($1::jsonb) AS r(inbox_id bigint, household_id text, village_id text, channel text, source text, kind text,
            verdict text, measure text, amount_yuan integer, threshold_yuan integer, reason text, case_id bigint, at timestamptz)
     ON CONFLICT (inbox_id) DO NOTHING`,
    [
      JSON.stringify(
        signals.map((s) => ({
          inbox_id: s.inboxId,
          household_id: s.householdId,
          village_id: s.villageId,
          channel: s.channel,
          source: s.source,
          kind: s.kind,
          verdict: s.verdict,
          measure: s.measure,
          amount_yuan: s.amountYuan === null ? null : Math.round(s.amountYuan),
          threshold_yuan: s.thresholdYuan,
          reason: s.reason,
          case_id: s.caseId,
          at: s.at,
        })),
      ),
    ],
  );
}

export interface ScreenedFilter {
  township?: string;
  village?: string;
  department?: string;
  measure?: string;
}

export interface ScreenedRow {
  at: Date;
  department: string;
  kind: string | null;
  measure: string | null;
  amountYuan: number | null;
  thresholdYuan: number | null;
  reason: string;
  householdId: string | null;
  head: string | null;
  village: string | null;
}

/**
 * Department rows screened below their standard (未达预警标准) within the viewer's township, newest
 * first, and how many there are in all by measure (the list shows at most `limit`).
 */
export async function belowThreshold(
  db: Queryable,
  scope: { townshipId: string | null },
  f: ScreenedFilter,
  limit = 500,
): Promise<{ rows: ScreenedRow[]; counts: Array<{ measure: string | null; n: number }>; departments: string[] }> {
  const where = `s.verdict = 'below_threshold' AND ($1::text IS NULL OR v.township_id = $1) AND ($2::text IS NULL OR v.id = $2)
      AND ($3::text IS NULL OR s.source = $3) AND ($4::text IS NULL OR s.measure = $4)`;
  const from = `triage_signals s LEFT JOIN households h ON h.id = s.household_id
      LEFT JOIN villages v ON v.id = COALESCE(h.village_id, s.village_id)`;
  const args = [scope.townshipId ?? f.township ?? null, f.village ?? null, f.department ?? null, f.measure ?? null];
  const [rows, counts, departments] = await Promise.all([
    db.query<ScreenedRow>(
      `SELECT s.at, s.source AS department, s.kind, s.measure, s.amount_yuan AS "amountYuan", s.threshold_yuan AS "thresholdYuan",
              s.reason, h.id AS "householdId", h.head_name AS head, v.name AS village
         FROM ${from} WHERE ${where} ORDER BY s.at DESC, s.inbox_id DESC LIMIT $5`,
      [...args, limit],
    ),
    db.query<{ measure: string | null; n: number }>(
      `SELECT s.measure, count(*)::int AS n FROM ${from} WHERE ${where} GROUP BY s.measure ORDER BY n DESC`,
      args,
    ),
    db.query<{ source: string }>(
      `SELECT DISTINCT s.source FROM ${from} WHERE s.verdict = 'below_threshold' AND ($1::text IS NULL OR v.township_id = $1) ORDER BY 1`,
      [args[0]],
    ),
  ]);
  return { rows: rows.rows, counts: counts.rows, departments: departments.rows.map((r) => r.source) };
}
