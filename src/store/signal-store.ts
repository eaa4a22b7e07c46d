import type { ScreenedFilter, ScreenedFound } from '../domain/ports/console.js';
import type { TriageSignal } from '../domain/ports/triage.js';
import type { HouseholdSignals, ScoredMember, ScoredReport, WarningScore } from '../domain/triage/warning-score.js';
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
  // A department's income figure is also a dated record of the household's income history.
  await db.query(
    `INSERT INTO income_readings (household_id, yuan, source, at, recorded_by, case_id, inbox_id)
     SELECT r.household_id, r.yuan, 'department', r.at, r.source, r.case_id, r.inbox_id
       FROM jsonb_to_recordset($1::jsonb) AS r(inbox_id bigint, household_id text, source text, yuan integer, case_id bigint, at timestamptz)
     ON CONFLICT (inbox_id) DO NOTHING`,
    [
      JSON.stringify(
        signals
          .filter((s) => s.measure === 'income_per_capita' && s.amountYuan !== null && s.householdId !== null)
          .map((s) => ({
            inbox_id: s.inboxId,
            household_id: s.householdId,
            source: s.source,
            yuan: Math.round(s.amountYuan!),
            case_id: s.caseId,
            at: s.at,
          })),
      ),
    ],
  );
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
): Promise<ScreenedFound> {
  const where = `s.verdict = 'below_threshold' AND ($1::text IS NULL OR v.township_id = $1) AND ($2::text IS NULL OR v.id = $2)
      AND ($3::text IS NULL OR s.source = $3) AND ($4::text IS NULL OR s.measure = $4)`;
  const from = `triage_signals s LEFT JOIN households h ON h.id = s.household_id
      LEFT JOIN villages v ON v.id = COALESCE(h.village_id, s.village_id)`;
  const args = [scope.townshipId ?? f.township ?? null, f.village ?? null, f.department ?? null, f.measure ?? null];
  const [rows, counts, departments] = await Promise.all([
    db.query<ScreenedFound['rows'][number]>(
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

/** What the early-warning score reads for each household, as of `now` (reports 90 days back, incomes two years). */
export async function householdSignals(
  db: Queryable,
  householdIds: string[],
  now: Date,
): Promise<Map<string, HouseholdSignals>> {
  const out = new Map<string, HouseholdSignals>();
  if (!householdIds.length) return out;
  const [households, members, reports, incomes] = await Promise.all([
    db.query<{ id: string; income: number | null }>(
      'SELECT id, income_per_capita AS income FROM households WHERE id = ANY($1::text[])',
      [householdIds],
    ),
    db.query<ScoredMember & { householdId: string }>(
      `SELECT household_id AS "householdId", date_part('year', age($2::timestamptz, birth_date::timestamptz))::int AS age,
              labour, disability, schooling FROM members WHERE household_id = ANY($1::text[]) ORDER BY id`,
      [householdIds, now],
    ),
    db.query<ScoredReport & { householdId: string }>(
      `SELECT household_id AS "householdId", at, channel, source, verdict FROM triage_signals
        WHERE household_id = ANY($1::text[]) AND at > $2::timestamptz - interval '90 days' AND at <= $2 ORDER BY at`,
      [householdIds, now],
    ),
    db.query<{ householdId: string; at: Date; yuan: number }>(
      `SELECT household_id AS "householdId", at, yuan FROM income_readings
        WHERE household_id = ANY($1::text[]) AND at > $2::timestamptz - interval '730 days' AND at <= $2`,
      [householdIds, now],
    ),
  ]);
  for (const h of households.rows) out.set(h.id, { members: [], reports: [], incomes: [], incomeOnFile: h.income });
  for (const { householdId, ...m } of members.rows) out.get(householdId)?.members.push(m);
  for (const { householdId, ...r } of reports.rows) out.get(householdId)?.reports.push(r);
  for (const { householdId, ...i } of incomes.rows) out.get(householdId)?.incomes.push(i);
  return out;
}

/** The households' new scores with their reasons. */
export async function saveWarningScores(
  db: Queryable,
  rows: Array<{ householdId: string; score: WarningScore }>,
  at: Date,
): Promise<void> {
  if (!rows.length) return;
  await db.query(
    `UPDATE households h SET warning_score = r.score, warning_reasons = r.reasons, warning_at = $2
       FROM jsonb_to_recordset($1::jsonb) AS r(id text, score integer, reasons jsonb) WHERE h.id = r.id`,
    [JSON.stringify(rows.map((r) => ({ id: r.householdId, score: r.score.score, reasons: r.score.reasons }))), at],
  );
}

/**
 * Households whose score was last computed before `before` (their old signals may have left the windows),
 * locked; one that triage or a cadre holds is skipped until the next sweep, so the sweep never waits on them.
 */
export async function staleWarningScores(db: Queryable, before: Date, limit: number): Promise<string[]> {
  return (
    await db.query<{ id: string }>(
      'SELECT id FROM households WHERE warning_score > 0 AND warning_at < $1 ORDER BY warning_at LIMIT $2 FOR UPDATE SKIP LOCKED',
      [before, limit],
    )
  ).rows.map((r) => r.id);
}
