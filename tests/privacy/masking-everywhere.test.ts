import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toHalfWidth } from '../../src/domain/id-card.js';
import { createLogger } from '../../src/logger.js';
import { createConsoleToken } from '../../src/store/console-token-store.js';
import { createDeptKey } from '../../src/store/dept-key-store.js';
import { startTestService } from '../helpers/test-service.js';

/** ID numbers and phones in every form people write them, as a department might send them. */
const FORMS = [
  '5306 9919 6203 1458 8X', // 18 digits in groups
  '５３０６９９１９６２０３１４５８８Ｘ', // full-width
  '+8613896848179',
  '138-9684-8179',
  '530699800101123', // a 15-digit ID number
];
/** The hidden middles: none may be readable anywhere, however the digits are grouped. */
const MIDDLES = ['99196203145', '9684', '998001011'];
const leaks = (text: string) => {
  const digits = toHalfWidth(text).replace(/[\s-]/g, '');
  return [...FORMS.filter((f) => text.includes(f)), ...MIDDLES.filter((m) => digits.includes(m))];
};

describe('masking: chat, console pages, exports and logs', () => {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk, _enc, done) {
      lines.push(String(chunk));
      done();
    },
  });
  let svc: Awaited<ReturnType<typeof startTestService>>;
  let key = '';
  let townshipToken = '';
  let household = { id: '', township: '', helper: '' };
  const post = (alerts: unknown[]) =>
    fetch(`${svc.base}/api/v1/alerts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
      body: JSON.stringify({ alerts }),
    });

  beforeAll(async () => {
    svc = await startTestService({ SEED_DEMO: 'auto' }, 'all', createLogger('info', sink));
    key = await createDeptKey(svc.db, '县医保局');
    household = (
      await svc.db.query<typeof household>(
        `SELECT h.id, v.township_id AS township, l.cadre_userid AS helper FROM households h
         JOIN villages v ON v.id = h.village_id JOIN links l ON l.kind = 'household' AND l.target_id = h.id
         ORDER BY h.id LIMIT 1`,
      )
    ).rows[0]!;
    townshipToken = await createConsoleToken(svc.db, household.township);
  });
  afterAll(() => svc.stop());

  it("masks every form on a township viewer's case page (情况, 证据) and in the cadre's task card", async () => {
    const description = `户主说明：身份证 ${FORMS[0]}，又写作 ${FORMS[1]}，电话 ${FORMS[2]} 或 ${FORMS[3]}，老证号 ${FORMS[4]}，房屋漏雨`;
    expect(
      (await post([{ external_id: 'MASK-1', kind: 'unsafe_house', household_id: household.id, description }])).status,
    ).toBe(200);
    let number = '';
    for (let i = 0; i < 200 && !number; i++) {
      const { rows } = await svc.db.query<{ number: string }>('SELECT number FROM cases WHERE household_id = $1', [
        household.id,
      ]);
      number = rows[0]?.number ?? '';
      if (!number) await new Promise((r) => setTimeout(r, 50));
    }
    expect(number).not.toBe('');
    const page = await (
      await fetch(`${svc.base}/console/cases/${number}`, { headers: { cookie: `sw_console=${townshipToken}` } })
    ).text();
    expect(page).toContain('房屋漏雨');
    expect(leaks(page)).toEqual([]);
    for (let i = 0; i < 200 && !svc.fake!.state.sent.some((s) => s.to === household.helper); i++)
      await new Promise((r) => setTimeout(r, 50));
    const card = JSON.stringify(svc.fake!.state.sent.filter((s) => s.to === household.helper));
    expect(card).toContain('漏雨');
    expect(leaks(JSON.parse(`"${card.replace(/"/g, "'")}"`))).toEqual([]);
  });

  it('never writes row data from a database error into the log at LOG_LEVEL=info (F3)', async () => {
    // A constraint the row breaks: pg's error then carries "Failing row contains (…)" with the whole row.
    await svc.db.query(`ALTER TABLE inbox ADD CONSTRAINT refuse_for_test CHECK (payload->>'text' NOT LIKE '%拒收%')`);
    try {
      lines.length = 0;
      const description = `拒收 ${FORMS.join(' ')}`;
      await post([{ external_id: 'MASK-2', kind: 'other', id_number: FORMS[0], phone: FORMS[3], description }]);
      await new Promise((r) => setTimeout(r, 200));
      const log = lines.join('');
      expect(log).toContain('refuse_for_test'); // the failure is logged…
      expect(log).not.toContain('Failing row');
      expect(log).not.toMatch(/"(detail|where|params)":/);
      expect(leaks(log)).toEqual([]); // …without the numbers
    } finally {
      await svc.db.query('ALTER TABLE inbox DROP CONSTRAINT refuse_for_test');
    }
  });
});
