import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { idCheckChar } from '../../src/domain/id-card.js';
import { createDeptKey } from '../../src/store/dept-key-store.js';
import { encodeGbk } from '../helpers/gbk.js';
import { resetDb } from '../helpers/test-db.js';
import { startTestService } from '../helpers/test-service.js';

const ADMIN_TOKEN = 'encodings-test-admin-token-0123456789';
const ID_A = '53069919800101001' + idCheckChar('53069919800101001');
const HOUSEHOLDS = `户编号,乡镇,村,户主姓名,户主身份证号,户类型,地址\r\nA001,青山镇,石岭村,王永华,${ID_A},脱贫户,石岭村1组1号\r\n`;

/** Imports (console) and the alerts API read UTF-8 and GBK/GB18030 and say which; row numbers are file lines. */
describe('encodings and row numbers', () => {
  let svc: Awaited<ReturnType<typeof startTestService>>;
  let key = '';
  let household = '';
  const upload = async (name: string, data: Buffer, fields: Record<string, string> = {}) => {
    const form = new FormData();
    form.set('kind', 'households');
    for (const [k, v] of Object.entries(fields)) form.set(k, v);
    form.set('file', new Blob([new Uint8Array(data)]), name);
    const res = await fetch(`${svc.base}/console/import`, {
      method: 'POST',
      body: form,
      headers: { cookie: `sw_console=${ADMIN_TOKEN}`, origin: svc.base },
    });
    return { status: res.status, page: await res.text() };
  };
  const alerts = (body: Buffer | string, type: string) =>
    fetch(`${svc.base}/api/v1/alerts`, {
      method: 'POST',
      headers: { 'content-type': type, authorization: `Bearer ${key}` },
      body: typeof body === 'string' ? body : new Uint8Array(body),
    });
  const townships = async () =>
    (await svc.db.query<{ name: string }>('SELECT name FROM townships ORDER BY name')).rows.map((r) => r.name);

  beforeAll(async () => {
    svc = await startTestService({ ADMIN_TOKEN });
  });
  afterAll(() => svc.stop());
  beforeEach(async () => {
    await resetDb(svc.db);
    key = await createDeptKey(svc.db, '县教育局');
    await upload('seed.csv', Buffer.from(HOUSEHOLDS));
    household = 'A001';
  });

  it('imports a GBK CSV from Chinese Excel as Chinese, detected or named, and says so (F10)', async () => {
    await resetDb(svc.db);
    const gbk = encodeGbk(HOUSEHOLDS.replace('A001', 'G001'));
    const detected = await upload('农户.csv', gbk);
    expect(detected.page).toContain('写入 1 行，错误 0 行');
    expect(detected.page).toContain('GB18030');
    expect(await townships()).toEqual(['青山镇']);
    const named = await upload('农户.csv', gbk, { charset: 'gbk' });
    expect(named.page).toContain('GB18030');
    const { rows } = await svc.db.query<{ address: string }>(`SELECT address FROM households WHERE id = 'G001'`);
    expect(rows[0]!.address).toBe('石岭村1组1号');
    const utf8 = await upload('农户.csv', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(HOUSEHOLDS)]));
    expect(utf8.page).toContain('按 UTF-8 编码读取');
  });

  it('takes GBK CSV in the alerts API, detected or by charset, and says which it used (F10)', async () => {
    const csv = `external_id,kind,household_id,description\r\nJY-1,dropout,${household},初二学生未到校\r\n`;
    const detected = await alerts(encodeGbk(csv), 'text/csv');
    expect(detected.status).toBe(200);
    expect(await detected.json()).toMatchObject({ accepted: 1, encoding: 'gb18030' });
    const named = await alerts(encodeGbk(csv.replace('JY-1', 'JY-2')), 'text/csv; charset=GBK');
    expect(await named.json()).toMatchObject({ accepted: 1, encoding: 'gb18030' });
    const { rows } = await svc.db.query<{ text: string }>(`SELECT payload->>'text' AS text FROM inbox ORDER BY id`);
    expect(rows.map((r) => r.text)).toEqual(['初二学生未到校', '初二学生未到校']);
    expect(await (await alerts(Buffer.from(csv.replace('JY-1', 'JY-3')), 'text/csv')).json()).toMatchObject({
      encoding: 'utf-8',
    });
    const wrong = await alerts(encodeGbk(csv), 'text/csv; charset=utf-8');
    expect(wrong.status).toBe(400);
    expect(await wrong.json()).toMatchObject({ error: 'bad_encoding', message: expect.stringContaining('UTF-8') });
  });

  it('numbers bad rows by their line in the file, past multi-line fields and blank lines (F11)', async () => {
    const csv = [
      'external_id,kind,household_id,description', // 1
      `JY-1,dropout,${household},"初二学生未到校，`, // 2
      '家长外出务工"', // 3
      '', // 4
      'JY-2,bogus,A001,类型错', // 5
      `JY-3,dropout,${household},"三行`, // 6
      '说明', // 7
      '"', // 8
      'JY-4,dropout,,缺户', // 9
    ].join('\n');
    const res = (await (await alerts(csv, 'text/csv')).json()) as { accepted: number; errors: Array<{ row: number }> };
    expect(res.accepted).toBe(2);
    expect(res.errors.map((e) => e.row)).toEqual([5, 9]);

    const households = [
      '户编号,乡镇,村,户主姓名,户类型,地址', // 1
      'B001,青山镇,石岭村,李四,一般户,"石岭村', // 2
      '2组"', // 3
      '', // 4
      'B002,青山镇,石岭村,,一般户,', // 5: no head name
      '', // 6
      'B003,青山镇,石岭村,赵五,贫困户,', // 7: unknown status
    ].join('\r\n');
    const { page } = await upload('农户.csv', Buffer.from(households));
    expect(page).toContain('写入 1 行，错误 2 行');
    expect([...page.matchAll(/<td>第 (\d+) 行<\/td>/g)].map((m) => Number(m[1]))).toEqual([5, 7]);
  });

  it('answers a file that is not XLSX or CSV with a Chinese sentence, not a library error', async () => {
    const notXlsx = await upload('农户.xlsx', Buffer.from('this is not a workbook'));
    expect(notXlsx.page).toMatch(/<p class="error">“农户.xlsx”不是有效的 .xlsx 文件，请[^<]*。<\/p>/);
    expect(notXlsx.page).not.toMatch(/zip|central directory/i);
    const oldExcel = await upload('农户.xls', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]));
    expect(oldExcel.page).toContain('旧版 Excel（.xls）');
    const badQuote = await upload('农户.csv', Buffer.from('户编号,户主姓名\nA1,"王\n'));
    expect(badQuote.page).toContain('CSV 格式错误：第2行附近引号没有闭合');
    expect(await townships()).toEqual(['青山镇']);
  });
});
