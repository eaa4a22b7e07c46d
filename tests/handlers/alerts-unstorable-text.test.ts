import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDeptKey } from '../../src/store/dept-key-store.js';
import { startTestService } from '../helpers/test-service.js';

/**
 * A department list whose rows are stored 5,000 to a statement: one row with text Postgres refuses
 * (U+0000, a lone surrogate) must not fail the request after earlier chunks were stored and queued.
 */
describe('POST /api/v1/alerts with a row Postgres cannot store', () => {
  let svc: Awaited<ReturnType<typeof startTestService>>;
  let key: string;
  const post = (body: string, type = 'application/json') =>
    fetch(`${svc.base}/api/v1/alerts`, {
      method: 'POST',
      headers: { 'content-type': type, authorization: `Bearer ${key}` },
      body,
    });
  const stored = async () =>
    (await svc.db.query<{ n: number }>(`SELECT count(*)::int n FROM inbox WHERE source = 'dept:县民政局'`)).rows[0]!.n;

  beforeAll(async () => {
    svc = await startTestService({ ENQUEUE_TIMEOUT_MS: '5000' }, 'web');
    key = await createDeptKey(svc.db, '县民政局');
  });
  afterAll(() => svc.stop());

  it('reports each such row in Chinese, stores all the others, and says so truthfully', async () => {
    const alerts = Array.from({ length: 12_000 }, (_, i) => ({
      external_id: `MZ-${i}`,
      kind: 'low_income',
      household_id: `H${i}`,
      description: '低保边缘',
    }));
    alerts[7_000]!.description = '收入\u0000骤降';
    alerts[11_000]!.household_id = 'H\uD800';
    const res = await post(JSON.stringify({ alerts }));
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      accepted: number;
      duplicate: number;
      errors: Array<{ index: number; reason: string }>;
    };
    expect(body).toMatchObject({ received: 12_000, accepted: 11_998, duplicate: 0 });
    expect(body.errors.map((e) => e.index)).toEqual([7_000, 11_000]);
    expect(body.errors[0]!.reason).toMatch(/description.*无法保存的字符/);
    expect(body.errors[1]!.reason).toMatch(/household_id.*无法保存的字符/);
    expect(await stored()).toBe(11_998);

    // The department fixes the two rows and sends the whole list again: only they are new.
    alerts[7_000]!.description = '收入骤降';
    alerts[11_000]!.household_id = 'H11000';
    const again = (await (await post(JSON.stringify({ alerts }))).json()) as Record<string, unknown>;
    expect(again).toMatchObject({ accepted: 2, duplicate: 11_998, errors: [] });
    expect(await stored()).toBe(12_000);
  });

  it('gives a CSV row with a NUL its line number', async () => {
    const csv =
      'external_id,kind,household_id,description\nC-1,low_income,H1,好\nC-2,low_income,H2,坏\u0000\nC-3,low_income,H3,好\n';
    const body = (await (await post(csv, 'text/csv')).json()) as Record<string, unknown>;
    expect(body).toMatchObject({
      accepted: 2,
      errors: [{ index: 1, row: 3, reason: expect.stringContaining('无法保存的字符') }],
    });
  });
});
