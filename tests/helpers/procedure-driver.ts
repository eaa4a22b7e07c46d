import { expect } from 'vitest';
import type { startTestService } from './test-service.js';

type Service = Awaited<ReturnType<typeof startTestService>>;
export type ProcedureCard = {
  task_id: string;
  main_title: { title: string; desc: string };
  button_list: Array<{ key: string }>;
};

/**
 * What the procedure's end-to-end test does through the fake WeCom and the console (cadres' commands and
 * presses, the county's case page and forms), and the stored dates it moves back where the procedure waits.
 */
export function procedureDriver(get: () => Service, adminToken: string) {
  const waitFor = async <T>(
    fn: () => Promise<T | undefined | false> | T | undefined | false,
    what: string,
  ): Promise<T> => {
    for (let i = 0; i < 300; i++) {
      const v = await fn();
      if (v) return v;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`timed out waiting for ${what}`);
  };
  const sent = () => get().fake!.state.sent;
  const textsTo = (to: string) =>
    sent()
      .filter((s) => s.api === 'message/send' && s.to === to && s.body.msgtype === 'text')
      .map((s) => (s.body.text as { content: string }).content);
  const cardsTo = (to: string, number: string) =>
    sent()
      .filter((s) => s.api === 'message/send' && s.to === to && s.body.msgtype === 'template_card')
      .map((s) => s.body.template_card as ProcedureCard)
      .filter((c) => c.main_title.desc === `编号 ${number}` && c.task_id.startsWith('sw-proc-'));
  const kfTo = (to: string) =>
    sent()
      .filter((s) => s.api === 'message/send' || s.api === 'kf/send_msg')
      .filter((s) => s.to === to)
      .map((s) => (s.body.text as { content: string } | undefined)?.content ?? '');
  const command = async (userid: string, text: string) => {
    const before = textsTo(userid).length;
    expect((await get().fake!.sender!.text(userid, text)).status).toBe(200);
    return waitFor(() => textsTo(userid)[before], `reply to ${text}`);
  };
  const press = async (userid: string, card: ProcedureCard) => {
    const before = textsTo(userid).length;
    await get().fake!.sender!.press(userid, card.task_id, 'proc-pass');
    return waitFor(() => textsTo(userid)[before], `reply to a press by ${userid}`);
  };
  /** The county's console: the case page, and a procedure form posted from it. */
  const consolePage = async (number: string) =>
    (await fetch(`${get().base}/console/cases/${number}`, { headers: { cookie: `sw_console=${adminToken}` } })).text();
  const consolePost = async (number: string, verb: string, fields: Record<string, string>) => {
    const res = await fetch(`${get().base}/console/cases/${number}/procedure/${verb}`, {
      method: 'POST',
      headers: {
        cookie: `sw_console=${adminToken}`,
        origin: get().base,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: new URLSearchParams(fields).toString(),
    });
    return { status: res.status, text: await res.text() };
  };
  const q = async <T>(sql: string, params: unknown[] = []) => (await get().db.query<T>(sql, params)).rows;
  const caseState = async (number: string) =>
    (await q<{ state: string }>('SELECT state FROM cases WHERE number = $1', [number]))[0]!.state;
  /** The 公示 began `days` ago. */
  const noticeBack = (number: string, days: number) =>
    get().db.query(
      `UPDATE procedures SET state = jsonb_set(state, '{notice,startedAt}',
              to_jsonb((state #>> '{notice,startedAt}')::timestamptz - make_interval(days => $2)))
        WHERE status = 'open' AND case_id = (SELECT id FROM cases WHERE number = $1)`,
      [number, days],
    );
  /** Half a year on: the inclusion and every income figure of the household move back 7 months. */
  const halfYearOn = async (number: string, householdId: string) => {
    await get().db.query(
      `UPDATE audit_log SET at = at - interval '7 months' WHERE action = 'include' AND entity_id = (SELECT id::text FROM cases WHERE number = $1)`,
      [number],
    );
    await get().db.query(`UPDATE income_readings SET at = at - interval '7 months' WHERE household_id = $1`, [
      householdId,
    ]);
  };
  return {
    waitFor,
    textsTo,
    cardsTo,
    kfTo,
    command,
    press,
    consolePage,
    consolePost,
    q,
    caseState,
    noticeBack,
    halfYearOn,
    sent,
  };
}
