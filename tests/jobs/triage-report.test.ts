import type { Job } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { triageReportJob } from '../../jobs/triage-report.js';
import type { TaskNotice, TriageDeps } from '../../src/domain/ports/triage.js';
import type { Report } from '../../src/domain/triage/report.js';
import type { Db } from '../../src/store/db.js';
import { insertInbox } from '../../src/store/inbox-store.js';
import { seedDemo } from '../../src/store/seed-demo.js';
import { openTestDb } from '../helpers/test-db.js';
import { liftedHousehold, reportInbox, triageDeps } from '../helpers/store-deps.js';

/** The triage-report job on the real store: a batch of inbox ids, each triaged, their task cards handed on. */
describe('triage-report job', () => {
  let db: Db;
  let deps: TriageDeps;
  let report: (r: Partial<Report>) => Promise<number>;
  beforeAll(async () => {
    db = await openTestDb();
    await seedDemo(db, { households: 200, seed: 5 });
    deps = triageDeps(db);
    report = reportInbox(db);
  });
  afterAll(() => db.close());
  const lifted = () => liftedHousehold(db);

  it('a report the code cannot handle fails alone: the rest of its batch is triaged and their cards queued', async () => {
    const h = await lifted();
    const good = await report({ text: '房子塌了', identity: { householdId: h.id } });
    const bad = (await insertInbox(db, {
      source: 'dept:医保局',
      sourceMsgId: 'no-identity',
      payload: { channel: 'department', text: '缺少身份' },
    }))!;
    const other = await report({ channel: 'hotline', text: '家里没水吃', identity: { name: '查无此人' } });
    const queued: TaskNotice[] = [];
    const job = triageReportJob({ triage: deps, notify: async (n) => void queued.push(...n) });
    await expect(job({ data: { inboxIds: [good, bad, other] } } as Job<{ inboxIds: number[] }>)).rejects.toThrow(
      `triage failed for inbox ${bad}`,
    );
    const { rows } = await db.query<{ id: number; handled: boolean }>(
      'SELECT id, handled_at IS NOT NULL AS handled FROM inbox ORDER BY id',
    );
    expect(rows).toEqual([
      { id: good, handled: true },
      { id: bad, handled: false },
      { id: other, handled: true },
    ]);
    expect(queued.map((n) => n.cadre)).toEqual([h.helper, 'county-office']);
  });
});
