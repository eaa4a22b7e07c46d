import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createDeptKey } from '../../src/store/dept-key-store.js';
import { startTestService } from '../helpers/test-service.js';

const ADMIN_TOKEN = 'screening-test-admin-token-0001';
const HOUR = 3_600_000;

/** Department rows screened by the policy's standards, through POST /api/v1/alerts and the real store. */
describe('department screening through the alerts API', () => {
  let svc: Awaited<ReturnType<typeof startTestService>>;
  let key: string;
  const households: Record<'ordinary' | 'lifted', { id: string; helper: string }> = {} as never;
  const post = (alerts: unknown[]) =>
    fetch(`${svc.base}/api/v1/alerts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
      body: JSON.stringify({ alerts }),
    });
  const page = async (path: string) =>
    fetch(`${svc.base}${path}`, { headers: { cookie: `sw_console=${ADMIN_TOKEN}` } });
  const handled = async (n: number) => {
    for (let i = 0; i < 200; i++) {
      const { rows } = await svc.db.query<{ n: number }>(
        'SELECT count(*)::int n FROM inbox WHERE handled_at IS NOT NULL',
      );
      if (rows[0]!.n === n) return;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error('timed out waiting for triage');
  };
  const one = async <T>(sql: string, args: unknown[] = []) => (await svc.db.query<T>(sql, args)).rows;

  beforeAll(async () => {
    svc = await startTestService({ SEED_DEMO: 'auto', ADMIN_TOKEN });
    key = await createDeptKey(svc.db, '县医保局');
    for (const status of ['ordinary', 'lifted'] as const) {
      households[status] = (
        await one<{ id: string; helper: string }>(
          `SELECT h.id, l.cadre_userid AS helper FROM households h LEFT JOIN links l ON l.kind = 'household' AND l.target_id = h.id
            WHERE h.status = $1 ORDER BY h.id LIMIT 1`,
          [status],
        )
      )[0]!;
    }
  });
  afterAll(() => svc.stop());
  beforeEach(async () => {
    await svc.db.query('TRUNCATE inbox, tasks, cases, triage_signals CASCADE');
    svc.fake!.state.reset();
  });

  it("keeps an ordinary household's 3,000-yuan 住院自付 row as 未达预警标准: counted, listed with the reason, no case, no task", async () => {
    const res = await post([
      {
        external_id: 'YB-301',
        kind: 'medical_cost',
        household_id: households.ordinary.id,
        amount_yuan: 3000,
        description: '住院自付费用',
      },
    ]);
    expect(await res.json()).toMatchObject({ accepted: 1 });
    await handled(1);
    expect(await one('SELECT id FROM cases')).toEqual([]);
    expect(await one('SELECT id FROM tasks')).toEqual([]);
    const [signal] = await one<{ verdict: string; reason: string; case_id: number | null; household_id: string }>(
      'SELECT verdict, reason, case_id, household_id FROM triage_signals',
    );
    expect(signal).toEqual({
      verdict: 'below_threshold',
      reason: '医疗自付3,000元，未达一般户20,000元的预警标准。',
      case_id: null,
      household_id: households.ordinary.id,
    });
    expect(await one("SELECT action, note FROM audit_log WHERE entity = 'inbox'")).toEqual([
      { action: 'screen-below-threshold', note: '未达预警标准：医疗自付3,000元，未达一般户20,000元的预警标准。' },
    ]);

    const list = await (await page('/console/screened')).text();
    expect(list).toContain('共 <b>1</b> 条：医疗自付 1 条');
    expect(list).toContain('医疗自付3,000元，未达一般户20,000元的预警标准。');
    expect(list).toContain('县医保局');
    const other = await (await page('/console/screened?measure=income_per_capita')).text();
    expect(other).toContain('共 <b>0</b> 条');
    expect(other).toContain('没有未达预警标准的数据');
    const bad = await page('/console/screened?measure=bogus');
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('指标不在可选范围内');
    // No card went to anybody.
    await new Promise((r) => setTimeout(r, 300));
    expect(svc.fake!.state.sent).toEqual([]);
  });

  it("gives an 81-year-old's natural death (病故) no 绿色通道: a normal case with the 24-hour 签收", async () => {
    await post([
      {
        external_id: 'GA-81',
        kind: 'death_or_accident',
        household_id: households.ordinary.id,
        description: '户籍人员王某某，81岁，病故',
      },
    ]);
    await handled(1);
    const [c] = await one<{ urgency: string; kind: string; rules_fired: string[] }>(
      'SELECT urgency, kind, rules_fired FROM cases',
    );
    expect(c).toMatchObject({ urgency: 'normal', kind: 'case' });
    expect(c!.rules_fired.some((r) => r.startsWith('green:'))).toBe(false);
    const [task] = await one<{ ack_due_at: Date; created_at: Date }>('SELECT ack_due_at, created_at FROM tasks');
    expect(task!.ack_due_at.getTime() - task!.created_at.getTime()).toBe(24 * HOUR);
  });

  it("opens a case with a task for a lifted household's 6,000 self-paid (over its 5,000 standard)", async () => {
    await post([
      {
        external_id: 'YB-600',
        kind: 'medical_cost',
        household_id: households.lifted.id,
        amount_yuan: 6000,
        description: '住院自付费用',
      },
    ]);
    await handled(1);
    const [c] = await one<{ id: number; kind: string; risk_types: string[]; rules_fired: string[] }>(
      'SELECT id, kind, risk_types, rules_fired FROM cases',
    );
    expect(c).toMatchObject({ kind: 'case' });
    expect(c!.risk_types).toContain('expense_jump');
    expect(c!.rules_fired).toContain('screen:alert(医疗自付6,000元，达到脱贫户5,000元的预警标准。)');
    expect(await one('SELECT cadre_userid FROM tasks WHERE case_id = $1', [c!.id])).toEqual([
      { cadre_userid: households.lifted.helper },
    ]);
    const [signal] = await one<{ verdict: string; case_id: number }>('SELECT verdict, case_id FROM triage_signals');
    expect(signal).toEqual({ verdict: 'alert', case_id: Number(c!.id) });
  });

  it('makes an income of 7,500 (between the 7,100 and 8,122 lines) an 观察 item: a 7-day task, never green, audited', async () => {
    await post([
      {
        external_id: 'MZ-75',
        kind: 'low_income',
        household_id: households.lifted.id,
        amount_yuan: 7500,
        description: '人均纯收入低于观察线',
      },
    ]);
    await handled(1);
    const [c] = await one<{ id: number; kind: string; urgency: string }>('SELECT id, kind, urgency FROM cases');
    expect(c).toMatchObject({ kind: 'observe', urgency: 'normal' });
    const [task] = await one<{ ack_due_at: Date; verify_due_at: Date; created_at: Date }>(
      'SELECT ack_due_at, verify_due_at, created_at FROM tasks',
    );
    expect(task!.ack_due_at.getTime() - task!.created_at.getTime()).toBe(7 * 24 * HOUR);
    expect(task!.verify_due_at.getTime() - task!.created_at.getTime()).toBe(30 * 24 * HOUR);
    const audit = await one<{ action: string; note: string }>(
      "SELECT action, note FROM audit_log WHERE entity = 'case' AND entity_id = $1 ORDER BY id",
      [String(c!.id)],
    );
    expect(audit.map((a) => a.action)).toEqual(['open-observation', 'assign']);
    expect(audit[0]!.note).toContain('观察：人均纯收入7,500元，在监测线7,100元与观察线8,122元之间，列为观察对象。');
    const [{ number }] = (await one<{ number: string }>('SELECT number FROM cases WHERE id = $1', [c!.id])) as [
      { number: string },
    ];
    // Find this case's card by its number: on a loaded machine an earlier test's card can arrive after the reset.
    const cardOfCase = () =>
      svc.fake!.state.sent.find((s) => s.to === households.lifted.helper && JSON.stringify(s.body).includes(number));
    for (let i = 0; i < 200 && !cardOfCase(); i++) await new Promise((r) => setTimeout(r, 50));
    const card = JSON.stringify(cardOfCase()?.body);
    expect(card).toContain('【观察】');
    expect(card).not.toContain('绿色通道');

    // The case page shows the household's early-warning score with each reason and its points.
    const casePage = await (await page(`/console/cases/${number}`)).text();
    expect(casePage).toMatch(/<b>预警分 \d+（[高中低]）<\/b>/);
    expect(casePage).toContain('<li>+15 人均纯收入7,500元，在监测线与观察线8,122元之间。</li>');
    expect(casePage).toContain('<span class="tag">观察</span>');
  });

  it('lets a later full alert of the household open its own case instead of joining the 观察 item', async () => {
    await post([
      { external_id: 'MZ-76', kind: 'low_income', household_id: households.lifted.id, amount_yuan: 7600 },
      { external_id: 'RS-1', kind: 'job_loss', household_id: households.lifted.id, description: '户主失业' },
    ]);
    await handled(2);
    expect(await one('SELECT kind, risk_types FROM cases ORDER BY id')).toEqual([
      { kind: 'observe', risk_types: ['income_drop'] },
      { kind: 'case', risk_types: ['income_drop'] },
    ]);
  });
});
