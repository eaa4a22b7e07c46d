import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createDeptKey } from '../../src/store/dept-key-store.js';
import { startTestService } from '../helpers/test-service.js';

describe('POST /api/v1/alerts end to end', () => {
  let svc: Awaited<ReturnType<typeof startTestService>>;
  let key: string;
  let lifted: { id: string; id_number: string; helper: string; phone: string };
  const post = (body: string, type = 'application/json', auth = `Bearer ${key}`) =>
    fetch(`${svc.base}/api/v1/alerts`, {
      method: 'POST',
      headers: { 'content-type': type, authorization: auth },
      body,
    });
  const count = async (sql: string) => (await svc.db.query<{ n: number }>(sql)).rows[0]!.n;
  const waitFor = async (fn: () => Promise<boolean>) => {
    for (let i = 0; i < 200; i++) {
      if (await fn()) return;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error('timed out waiting');
  };

  beforeAll(async () => {
    svc = await startTestService({ SEED_DEMO: 'auto' });
    key = await createDeptKey(svc.db, '县医保局');
    lifted = (
      await svc.db.query<typeof lifted>(
        `SELECT h.id, m.id_number, l.cadre_userid AS helper, h.phone FROM households h
       JOIN members m ON m.household_id = h.id AND m.relation = '户主'
       JOIN links l ON l.kind = 'household' AND l.target_id = h.id
       WHERE h.status = 'lifted' AND h.phone IS NOT NULL ORDER BY h.id LIMIT 1`,
      )
    ).rows[0]!;
  });
  afterAll(() => svc.stop());
  beforeEach(async () => {
    await svc.db.query('TRUNCATE inbox, tasks, cases CASCADE');
    svc.fake!.state.reset();
  });

  it('accepts good JSON rows, reports 3 bad ones exactly, creates the case and tells the pair-helper', async () => {
    const alerts = [
      {
        external_id: 'YB-1',
        kind: 'medical_cost',
        id_number: lifted.id_number,
        amount_yuan: 12000,
        // green comes from the event (in ICU), not from the department's kind (issue 17)
        description: '住院自付费用，脑出血，现仍在ICU',
      },
      { external_id: 'YB-2', kind: 'bogus', id_number: lifted.id_number },
      { external_id: 'YB-3', kind: 'no_water', description: '断水' },
      { kind: 'dropout', household_id: lifted.id },
      { external_id: 'YB-5', kind: 'job_loss', phone: '13800000000', description: '失业' },
    ];
    const res = await post(JSON.stringify({ alerts }));
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      accepted: number;
      duplicate: number;
      errors: Array<{ index: number; reason: string }>;
    };
    expect(body).toMatchObject({ received: 5, accepted: 2, duplicate: 0 });
    expect(body.errors.map((e) => e.index)).toEqual([1, 2, 3]);
    expect(body.errors[0]!.reason).toContain('kind 须为');
    expect(body.errors[1]!.reason).toContain('household_id、id_number、phone');
    expect(body.errors[2]!.reason).toContain('external_id');

    await waitFor(async () => (await count('SELECT count(*)::int n FROM inbox WHERE handled_at IS NOT NULL')) === 2);
    const { rows } = await svc.db.query(
      'SELECT household_id, urgency, risk_types FROM cases WHERE household_id IS NOT NULL',
    );
    expect(rows).toEqual([
      { household_id: lifted.id, urgency: 'green', risk_types: ['expense_jump', 'illness_disaster_accident'] },
    ]);
    await waitFor(async () => svc.fake!.state.sent.some((s) => s.to === lifted.helper));
    const msg = svc.fake!.state.sent.find((s) => s.to === lifted.helper)!;
    expect(JSON.stringify(msg.body.template_card)).toContain('绿色通道');
    expect(JSON.stringify(msg.body)).not.toContain(lifted.id_number);
  });

  it('takes CSV, reports bad rows by file row number, and ignores duplicates by external_id', async () => {
    const csv = `external_id,kind,household_id,description,amount_yuan\nJY-1,dropout,${lifted.id},初二未到校,\nJY-2,dropout,,缺户,\nJY-3,unsafe_house,${lifted.id},C级危房,abc\n`;
    const first = (await (await post(csv, 'text/csv')).json()) as { accepted: number; errors: Array<{ row: number }> };
    expect(first.accepted).toBe(1);
    expect(first.errors.map((e) => e.row)).toEqual([3, 4]);
    const again = (await (await post(csv, 'text/csv')).json()) as { accepted: number; duplicate: number };
    expect(again).toMatchObject({ accepted: 0, duplicate: 1 });
    expect(await count('SELECT count(*)::int n FROM inbox')).toBe(1);
  });

  it('refuses a wrong or missing key with 401 and stores nothing', async () => {
    const body = JSON.stringify({ alerts: [{ external_id: 'X', kind: 'other', household_id: lifted.id }] });
    expect((await post(body, 'application/json', 'Bearer swk_wrong')).status).toBe(401);
    expect((await post(body, 'application/json', '')).status).toBe(401);
    expect(await count('SELECT count(*)::int n FROM inbox')).toBe(0);
  });

  it('refuses malformed JSON with a clear error', async () => {
    const res = await post('{"alerts": [');
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: 'bad_json' });
  });

  it('serves its OpenAPI description', async () => {
    const doc = (await (await fetch(`${svc.base}/api/v1/openapi.json`)).json()) as {
      openapi: string;
      paths: Record<string, unknown>;
    };
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toContain('/api/v1/alerts');
  });
});
