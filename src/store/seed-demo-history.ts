import { isClosed } from '../domain/cases/case-lifecycle.js';
import { generateDemoCounty, type DemoCountyOptions } from '../demo/demo-county.js';
import { demoPast } from '../demo/demo-campaign.js';
import type { DemoHistory } from '../demo/demo-history.js';
import type { Db, Queryable } from './db.js';
import { writeDemoCampaign } from './seed-demo-campaign.js';

const json = (rows: unknown[]) => JSON.stringify(rows);

async function ids(db: Queryable, table: 'cases' | 'inbox', n: number): Promise<number[]> {
  const r = await db.query<{ id: string }>(
    `SELECT nextval(pg_get_serial_sequence('${table}', 'id'))::text AS id FROM generate_series(1, $1::int)`,
    [n],
  );
  return r.rows.map((x) => Number(x.id));
}

/**
 * Writes about a year of the demo county's past (see src/demo/demo-history.ts) in one transaction, so
 * the console's charts are not empty on first start. Does nothing when it is there already. Its open
 * tasks carry no reminder time: the sweep does not send reminders about this invented past.
 */
export async function seedDemoHistory(db: Db, now: Date, opts: DemoCountyOptions = {}): Promise<{ cases: number }> {
  const county = generateDemoCounty(opts);
  // The running 集中排查's found risks are cases of the history, the last ones in h.cases.
  const { history: h, campaign } = demoPast(county, now, opts.seed);
  return db.transaction(async (tx) => {
    const done = await tx.query("SELECT 1 FROM inbox WHERE source_msg_id LIKE 'history-%' LIMIT 1");
    if (done.rows.length) return { cases: 0 };
    const caseIds = await ids(tx, 'cases', h.cases.length);
    const inboxIds = await ids(tx, 'inbox', h.cases.length + h.belowThreshold.length);
    const source = (c: (typeof h.cases)[number]) =>
      c.channel === 'department'
        ? `dept:${c.department}`
        : c.channel === 'villager'
          ? 'kf'
          : c.channel === 'cadre'
            ? 'wecom'
            : 'hotline';
    const inbox = [
      ...h.cases.map((c, i) => ({
        id: inboxIds[i],
        source: source(c),
        msg: `history-${i + 1}`,
        payload: {
          channel: c.channel,
          reporter: c.department ?? c.cadre,
          text: c.text,
          identity: { householdId: c.householdId },
        },
        at: c.openedAt,
        case_id: caseIds[i],
      })),
      ...h.belowThreshold.map((s, i) => ({
        id: inboxIds[h.cases.length + i],
        source: `dept:${s.department}`,
        msg: `history-below-${i + 1}`,
        payload: {
          channel: 'department',
          reporter: s.department,
          text: '自付费用未达预警标准',
          identity: { householdId: s.householdId },
        },
        at: s.at,
        case_id: null,
      })),
    ];
    await tx.query(
      `INSERT INTO cases (id, kind, number, household_id, village_id, risk_types, urgency, state, summary, match_method, reporter,
                          monitoring_kind, opened_at, closed_at, updated_at)
       SELECT r.id, 'case', 'SW' || to_char(r.at AT TIME ZONE 'Asia/Shanghai', 'YYYY') || lpad(nextval('case_number_seq')::text, 6, '0'),
              r.household_id, r.village_id, r.risk_types, r.urgency, r.state, r.summary, 'household_id', r.reporter, r.kind, r.at,
              r.closed_at, r.updated_at
         FROM jsonb_to_recordset($1::jsonb) AS r(id bigint, household_id text, village_id text, risk_types text[], urgency text,
              state text, summary text, reporter text, kind text, at timestamptz, closed_at timestamptz, updated_at timestamptz)
        ORDER BY r.at`,
      [
        json(
          h.cases.map((c, i) => {
            const last = c.steps[c.steps.length - 1]?.at ?? c.openedAt;
            const included = c.steps.some((s) => s.event === 'include');
            return {
              id: caseIds[i],
              household_id: c.householdId,
              village_id: c.villageId,
              risk_types: c.riskTypes,
              urgency: c.urgency,
              state: c.state,
              summary: c.text,
              reporter: c.department ?? (c.channel === 'cadre' ? c.cadre : null),
              kind: included ? c.kind : null,
              at: c.openedAt,
              closed_at: isClosed(c.state) ? last : null,
              updated_at: last,
            };
          }),
        ),
      ],
    );
    await tx.query(
      `INSERT INTO inbox (id, source, source_msg_id, payload, received_at, handled_at, case_id)
       SELECT r.id, r.source, r.msg, r.payload, r.at, r.at, r.case_id
         FROM jsonb_to_recordset($1::jsonb) AS r(id bigint, source text, msg text, payload jsonb, at timestamptz, case_id bigint)`,
      [json(inbox)],
    );
    await tx.query(
      `INSERT INTO triage_signals (inbox_id, household_id, village_id, channel, source, kind, verdict, measure, amount_yuan, threshold_yuan, reason, case_id, at)
       SELECT r.inbox_id, r.household_id, r.village_id, r.channel, r.source, NULL, r.verdict, r.measure, r.amount, r.threshold, r.reason, r.case_id, r.at
         FROM jsonb_to_recordset($1::jsonb) AS r(inbox_id bigint, household_id text, village_id text, channel text, source text,
              verdict text, measure text, amount integer, threshold integer, reason text, case_id bigint, at timestamptz)`,
      [
        json([
          ...h.cases.map((c, i) => ({
            inbox_id: inboxIds[i],
            household_id: c.householdId,
            village_id: c.villageId,
            channel: c.channel,
            source: c.department ?? c.householdId,
            verdict: c.channel === 'department' ? 'alert' : null,
            reason: '',
            case_id: caseIds[i],
            at: c.openedAt,
          })),
          ...h.belowThreshold.map((s, i) => ({
            inbox_id: inboxIds[h.cases.length + i],
            household_id: s.householdId,
            village_id: s.villageId,
            channel: 'department',
            source: s.department,
            verdict: 'below_threshold',
            measure: s.department === '医保局' ? 'inpatient_self_paid' : 'schooling_self_paid',
            amount: s.amount,
            threshold: s.threshold,
            reason: `自付 ${s.amount} 元，未达 ${s.threshold} 元的预警标准`,
            case_id: null,
            at: s.at,
          })),
        ]),
      ],
    );
    await writeRest(tx, h, caseIds, inboxIds);
    await writeDemoCampaign(tx, campaign, inboxIds.slice(h.cases.length - campaign.cases.length, h.cases.length));
    return { cases: h.cases.length };
  });
}

async function writeRest(tx: Queryable, h: DemoHistory, caseIds: number[], inboxIds: number[]) {
  const HOUR = 3_600_000;
  const due = (c: (typeof h.cases)[number], hours: number) => new Date(c.openedAt.getTime() + hours * HOUR);
  await tx.query(
    `INSERT INTO tasks (case_id, inbox_id, cadre_userid, state, ack_due_at, verify_due_at, decide_due_at, review_due_at, next_due_at, created_at, updated_at)
     SELECT r.case_id, r.inbox_id, r.cadre, r.state, r.ack, r.verify, r.decide, r.review, r.next, r.at, r.at
       FROM jsonb_to_recordset($1::jsonb) AS r(case_id bigint, inbox_id bigint, cadre text, state text, ack timestamptz,
            verify timestamptz, decide timestamptz, review timestamptz, next timestamptz, at timestamptz)`,
    [
      json(
        h.cases.map((c, i) => ({
          case_id: caseIds[i],
          inbox_id: inboxIds[i],
          cadre: c.cadre,
          state: c.openTask ? 'open' : 'done',
          ack: due(c, c.urgency === 'green' ? 2 : 48),
          verify: due(c, 5 * 24),
          decide: due(c, 15 * 24),
          review: c.openTask?.step === 'review' ? c.openTask.dueAt : null,
          next: c.openTask?.dueAt ?? null,
          at: c.openedAt,
        })),
      ),
    ],
  );
  await tx.query(
    `INSERT INTO audit_log (at, actor, action, entity, entity_id, from_state, to_state, note)
     SELECT r.at, r.actor, r.action, 'case', r.case_id, r.from_state, r.to_state, ''
       FROM jsonb_to_recordset($1::jsonb) AS r(at timestamptz, actor text, action text, case_id text, from_state text, to_state text)`,
    [
      json(
        h.cases.flatMap((c, i) =>
          c.steps.map((s) => ({
            at: s.at,
            actor: s.actor,
            action: s.event,
            case_id: String(caseIds[i]),
            from_state: s.from,
            to_state: s.to,
          })),
        ),
      ),
    ],
  );
  const measures = h.cases.flatMap((c, i) =>
    c.steps
      .filter((s) => s.event === 'assist')
      .map((s) => ({
        case_id: caseIds[i],
        household_id: c.householdId,
        cadre: c.cadre,
        type: measureType(c.riskTypes),
        at: s.at,
      })),
  );
  await tx.query(
    `INSERT INTO measures (case_id, household_id, cadre_userid, text, at, type, status, start_date, updated_at)
     SELECT r.case_id, r.household_id, r.cadre, r.text, r.at, r.type, 'in_progress', (r.at AT TIME ZONE 'Asia/Shanghai')::date, r.at
       FROM jsonb_to_recordset($1::jsonb) AS r(case_id bigint, household_id text, cadre text, text text, type text, at timestamptz)`,
    [json(measures.map((m) => ({ ...m, text: MEASURE_TEXT[m.type] })))],
  );
  await tx.query(
    `INSERT INTO income_readings (household_id, yuan, source, at, recorded_by, case_id)
     SELECT r.household_id, r.yuan, 'verify', r.at, r.cadre, r.case_id
       FROM jsonb_to_recordset($1::jsonb) AS r(household_id text, yuan integer, at timestamptz, cadre text, case_id bigint)`,
    [
      json(
        h.cases.flatMap((c, i) =>
          c.incomes.map((x) => ({
            household_id: c.householdId,
            yuan: x.yuan,
            at: x.at,
            cadre: c.cadre,
            case_id: caseIds[i],
          })),
        ),
      ),
    ],
  );
  await tx.query(
    `INSERT INTO visits (household_id, cadre_userid, kind, at, due_at, note)
     SELECT r.household_id, r.cadre, 'visit', r.at, r.due_at, '例行走访'
       FROM jsonb_to_recordset($1::jsonb) AS r(household_id text, cadre text, at timestamptz, due_at timestamptz)`,
    [json(h.visits.map((v) => ({ household_id: v.householdId, cadre: v.cadre, at: v.at, due_at: v.dueAt })))],
  );
  // The households as the past left them: under monitoring (risk open or removed), with their latest income.
  await tx.query(
    `UPDATE households h SET status = CASE WHEN r.included THEN 'monitored' ELSE h.status END,
            monitoring_kind = CASE WHEN r.included THEN r.kind ELSE h.monitoring_kind END,
            risk_open = CASE WHEN r.included THEN NOT r.removed ELSE h.risk_open END,
            income_per_capita = COALESCE(r.income, h.income_per_capita), updated_at = r.at
       FROM jsonb_to_recordset($1::jsonb) AS r(id text, included boolean, removed boolean, kind text, income integer, at timestamptz)
      WHERE h.id = r.id`,
    [
      json(
        h.cases.map((c) => ({
          id: c.householdId,
          included: c.steps.some((s) => s.event === 'include'),
          removed: c.steps.some((s) => s.event === 'remove_risk'),
          kind: c.kind,
          income: c.incomes[c.incomes.length - 1]?.yuan ?? null,
          at: c.steps[c.steps.length - 1]?.at ?? c.openedAt,
        })),
      ),
    ],
  );
}

const MEASURE_TEXT: Record<string, string> = {
  medical: '落实医疗救助和大病保险报销',
  education: '落实雨露计划和教育资助',
  housing: '实施农村危房改造',
  water: '接通集中供水管网',
  employment: '推荐就近务工岗位',
  dibao: '申请纳入农村低保',
};
function measureType(risks: readonly string[]): string {
  if (risks.includes('illness_disaster_accident') || risks.includes('expense_jump')) return 'medical';
  if (risks.includes('dropout')) return 'education';
  if (risks.includes('housing')) return 'housing';
  if (risks.includes('water')) return 'water';
  if (risks.includes('policy_gap')) return 'dibao';
  return 'employment';
}
