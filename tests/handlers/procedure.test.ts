import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { procedureDriver } from '../helpers/procedure-driver.js';
import { startTestService } from '../helpers/test-service.js';
import { registerCounts, type RegisterCounts } from '../../src/domain/register/register.js';
import { registerStore } from '../../src/store/register-store.js';

/**
 * The identification and exit procedures through the fake WeCom, each step by the cadre whose turn it is:
 * one ordinary household (评议 → 公示 with an objection → 乡镇审核 → 县级确认) and one 绿色通道 household
 * (the county confirms first, the checks follow), both on to 风险消除 and 回头看. Time cannot be moved, so
 * where the procedure waits (公示 days, half a year of monitoring and income) the stored dates are moved back.
 */
const ADMIN_TOKEN = 'procedure-test-admin-token-0001';

describe('identification and exit procedures end to end', () => {
  let svc: Awaited<ReturnType<typeof startTestService>>;
  const {
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
  } = procedureDriver(() => svc, ADMIN_TOKEN);

  type H = {
    id: string;
    head_name: string;
    id_number: string;
    phone: string;
    helper: string;
    village: string;
    township: string;
  };
  let county: string;
  let a: H;
  let b: H;

  beforeAll(async () => {
    svc = await startTestService({ SEED_DEMO: 'auto', VILLAGER_UPDATE_DELAY_MS: '50', ADMIN_TOKEN });
    const rows = await q<H>(
      `SELECT h.id, h.head_name, m.id_number, h.phone, l.cadre_userid AS helper,
              (SELECT min(cadre_userid) FROM links WHERE kind = 'village' AND target_id = v.id) AS village,
              (SELECT min(cadre_userid) FROM links WHERE kind = 'area' AND target_id = v.township_id) AS township
         FROM households h JOIN villages v ON v.id = h.village_id
         JOIN members m ON m.household_id = h.id AND m.relation = '户主' AND m.id_number IS NOT NULL
         JOIN links l ON l.kind = 'household' AND l.target_id = h.id
        WHERE h.status = 'lifted' AND h.phone IS NOT NULL AND EXISTS (SELECT 1 FROM members x WHERE x.household_id = h.id AND x.labour = 'full')
          AND l.cadre_userid = (SELECT min(cadre_userid) FROM links WHERE kind = 'household' AND target_id = h.id)
        ORDER BY h.id LIMIT 2`,
    );
    [a, b] = rows as [H, H];
    county = (await q<{ u: string }>(`SELECT min(userid) AS u FROM cadres WHERE role = 'county' AND active`))[0]!.u;
    expect(new Set([a.helper, a.village, a.township, county]).size).toBe(4);
    before = await counts();
  });
  afterAll(() => svc.stop());
  const counts = async () =>
    registerCounts(await registerStore(svc.db).registerRows({ townshipId: null }, {}), new Date(), 'Asia/Shanghai');
  let before: RegisterCounts;
  const persons = async (h: H) =>
    (await q<{ n: number }>('SELECT count(*)::int AS n FROM members WHERE household_id = $1', [h.id]))[0]!.n;

  const report = async (villager: string, h: H, what: string) => {
    await svc.fake!.sender!.villagerSays(
      villager,
      'wk-demo',
      `我是${h.head_name}，身份证${h.id_number}，电话${h.phone}，${what}`,
    );
    const receipt = await waitFor(() => kfTo(villager)[0], 'receipt');
    return /编号 (SW\d{10})/.exec(receipt)![1]!;
  };

  /** 帮扶, then 风险消除 through its own procedure, then 回头看 — shared by both households. */
  async function exitAndReview(
    h: H,
    number: string,
    moreMeasures: string[] = [],
    countyBy: 'chat' | 'console' = 'chat',
  ) {
    expect(await command(h.helper, `帮扶 ${number} 危房改造 部门:住建局 已落实 房屋加固完工`)).toContain('已落实');
    expect(await command(h.helper, `帮扶 ${number} 公益岗位 部门:林草局 落实中 护林员`)).toContain('落实中');
    for (const m of moreMeasures) expect(await command(h.helper, `帮扶 ${number} ${m}`)).toContain('已登记');
    expect(await caseState(number)).toBe('assisting');
    expect(await command(h.helper, `走访 ${h.id} 房子修好了，公益岗有工资，人均收入约9000元`)).toContain('9000');
    const early = await command(h.helper, `消除 ${number}`);
    expect(early).toContain('暂不能申请风险消除');
    expect(early).toContain('纳入监测未满 6 个月');
    expect(early).toContain('收入高于监测线未满 6 个月');
    await halfYearOn(number, h.id);
    expect(await command(h.village, `消除 ${number}`)).toContain('风险消除应由帮扶责任人提出'); // wrong role
    expect(await command(h.helper, `消除 ${number} 帮扶消除`)).toContain('已提出，下一步「村级民主评议」');
    expect(await caseState(number)).toBe('removal_proposed');
    await waitFor(
      () => cardsTo(h.village, number).find((c) => c.main_title.title === '【风险消除】村级民主评议'),
      'exit card',
    );
    expect(await command(h.village, `评议 ${number} 通过 参加11人 收入稳定，同意消除`)).toContain(
      '村级民主评议 → 村级公示',
    );
    await noticeBack(number, 5);
    expect(await command(h.village, `通过 ${number}`)).toContain('村级公示 → 乡镇审核');
    if (countyBy === 'console') {
      // County staff at 乡镇审核 are refused (wrong role); the section shows whose turn it is.
      const early = await consolePost(number, 'pass', { note: '' });
      expect([early.status, early.text.includes('应由包片领导办理')]).toEqual([409, true]);
      expect(await consolePage(number)).toContain('现在由包片领导办理');
    }
    expect(await command(h.township, `通过 ${number} 同意`)).toContain('乡镇审核 → 县级确认');
    if (countyBy === 'chat')
      expect(await command(county, `通过 ${number} 同意消除`)).toContain('风险已消除（帮扶消除）');
    else {
      const done = await consolePost(number, 'pass', { note: '同意消除' });
      expect(done.status).toBe(200);
      expect(done.text).toContain('风险已消除（帮扶消除）');
    }
    expect(await caseState(number)).toBe('risk_removed');
    // The helper is told (a notice, before the helper's next command so replies stay in order).
    await waitFor(
      () => textsTo(h.helper).some((t) => t.includes('风险已消除（帮扶消除）')),
      'helper told of the removal',
    );
    expect(await q('SELECT status, risk_open FROM households WHERE id = $1', [h.id])).toEqual([
      { status: 'monitored', risk_open: false },
    ]);
    expect(await command(h.helper, `回头看 ${number} 住房安全，收入稳定`)).toContain('风险已消除 → 已回头看');
    expect(
      await q(
        'SELECT kind, status, removal_mode FROM procedures WHERE case_id = (SELECT id FROM cases WHERE number = $1) ORDER BY id',
        [number],
      ),
    ).toEqual([
      { kind: 'identify', status: 'done', removal_mode: null },
      { kind: 'exit', status: 'done', removal_mode: 'assisted' },
    ]);
  }

  /** Who did each procedure step of a case, in order, from the audit log. */
  const procedureTrail = async (number: string) =>
    (
      await q<{ actor: string; action: string; to_state: string }>(
        `SELECT actor, action, to_state FROM audit_log WHERE entity = 'case' AND action LIKE 'procedure-%'
            AND entity_id = (SELECT id::text FROM cases WHERE number = $1) ORDER BY id`,
        [number],
      )
    ).map((r) => `${r.actor}:${r.action}:${r.to_state}`);

  it('walks an ordinary household: 核实 → 拟纳入 → 评议 → 公示 (objection) → 乡镇审核 → 县级确认 → 纳入 → 风险消除 → 回头看', async () => {
    const number = await report('wm-proc-a', a, '家里房子墙裂了，下雨漏雨');
    await command(a.helper, `签收 ${number}`);
    await command(a.helper, `核实 ${number} 已入户，墙体开裂，人均收入约6500元`);
    // The category must fit the income and the household: a 脱贫户 at 6,500 is 脱贫不稳定户.
    expect(await command(a.helper, `纳入 ${number} 边缘易致贫户`)).toContain('应认定为「脱贫不稳定户」');
    expect(await command(a.helper, `纳入 ${number} 脱贫不稳定户`)).toContain('已提出，下一步「村级民主评议」');
    expect(await caseState(number)).toBe('proposed');
    expect((await q<{ status: string }>('SELECT status FROM households WHERE id = $1', [a.id]))[0]!.status).toBe(
      'lifted',
    );

    const reviewCard = await waitFor(() => cardsTo(a.village, number)[0], 'card to the village cadre');
    expect(reviewCard.main_title.title).toBe('【识别认定】村级民主评议');
    expect(reviewCard.button_list.map((x) => x.key)).toEqual(['proc-pass', 'proc-return']);
    expect(await command(a.township, `通过 ${number}`)).toContain('应由包村干部办理'); // wrong role, wrong step
    expect(await command(a.village, `评议 ${number} 通过 参加12人 村民代表一致同意`)).toContain(
      '村级民主评议 → 村级公示',
    );
    expect(await command(a.village, `通过 ${number}`)).toContain('公示须满 5 天');
    expect(await command(a.village, `异议 ${number} 有村民反映其家中有小轿车`)).toContain('已记录');
    await noticeBack(number, 5);
    expect(await command(a.village, `通过 ${number}`)).toContain('还有 1 条异议没有处理');
    expect(await command(a.village, `异议处理 ${number} 1 经核实车辆已于去年变卖，异议不成立`)).toContain('已记录');
    expect(await command(a.village, `通过 ${number}`)).toContain('村级公示 → 乡镇审核');

    // The township leader passes it with the card's button; the card is greyed out.
    const townshipCard = await waitFor(() => cardsTo(a.township, number)[0], 'card to the township');
    expect(await press(a.township, townshipCard)).toContain('乡镇审核 → 县级确认');
    await waitFor(() => sent().some((s) => s.api === 'update_template_card' && s.to === a.township), 'card greyed out');
    const countyCard = await waitFor(() => cardsTo(county, number)[0], 'card to the county');
    expect(countyCard.main_title.title).toBe('【识别认定】县级确认');
    expect(await command(a.helper, `通过 ${number}`)).toContain('应由县乡村振兴局办理');
    expect(await press(county, countyCard)).toContain('已纳入监测（脱贫不稳定户）');
    await new Promise((r) => setTimeout(r, 1100)); // a later press, not WeCom's retry (CreateTime is in seconds)
    expect(await press(county, countyCard)).toContain('已过期'); // a second press changes nothing
    expect(await caseState(number)).toBe('included');
    expect(await q('SELECT status, monitoring_kind, risk_open FROM households WHERE id = $1', [a.id])).toEqual([
      { status: 'monitored', monitoring_kind: 'unstable', risk_open: true },
    ]);
    await waitFor(() => textsTo(a.helper).some((t) => t.includes('已纳入监测（脱贫不稳定户）')), 'helper told');

    const page = await consolePage(number);
    expect(page).toContain('认定与消除程序');
    expect(page).toContain('识别认定程序：已完成');
    expect(page).toContain('有村民反映其家中有小轿车');
    expect(page).toContain('经核实车辆已于去年变卖');
    expect(page).toContain('民主评议');

    await exitAndReview(a, number);
    expect(await procedureTrail(number)).toEqual([
      `${a.helper}:procedure-propose:村级民主评议`,
      `${a.village}:procedure-review:村级公示`,
      `${a.village}:procedure-objection:村级公示`,
      `${a.village}:procedure-resolve:村级公示`,
      `${a.village}:procedure-pass:乡镇审核`,
      `${a.township}:procedure-pass:县级确认`,
      `${county}:procedure-pass:已完成`,
      `${a.helper}:procedure-propose:村级民主评议`,
      `${a.village}:procedure-review:村级公示`,
      `${a.village}:procedure-pass:乡镇审核`,
      `${a.township}:procedure-pass:县级确认`,
      `${county}:procedure-pass:已完成`,
    ]);
    const refused = await q<{ actor: string }>(
      `SELECT actor FROM audit_log WHERE action = 'refused' AND entity_id = (SELECT id::text FROM cases WHERE number = $1) ORDER BY id`,
      [number],
    );
    expect(refused.map((r) => r.actor)).toEqual([a.township, a.village, a.village, a.helper]);
  });

  it('walks a 绿色通道 household: 先纳入 by the county on the first report, checks after, then 风险消除 → 回头看', async () => {
    expect(await command(b.helper, `电话 ${b.id} 电话了解，人均收入约6000元`)).toContain('6000');
    const number = await report('wm-proc-b', b, '我男人在工地摔伤了，腿骨折住院，花了两万多，家里没钱了');
    expect((await q<{ urgency: string }>('SELECT urgency FROM cases WHERE number = $1', [number]))[0]!.urgency).toBe(
      'green',
    );
    // Before any home check; the income on file (6,000) is under the line: 突发严重困难户 needs a reason.
    expect(await command(b.helper, `纳入 ${number} 突发严重困难户`)).toContain('类别与收入情况不符');
    expect(await command(b.helper, `纳入 ${number} 突发严重困难户 理由：住院自付两万多，收入会大幅下降`)).toContain(
      '已提出，下一步「县级确认」',
    );
    const override = await q<{ actor: string; note: string }>(
      `SELECT actor, note FROM audit_log WHERE action = 'category-override' AND entity_id = (SELECT id::text FROM cases WHERE number = $1)`,
      [number],
    );
    expect(override).toHaveLength(1);
    expect(override[0]!.actor).toBe(b.helper);
    expect(override[0]!.note).toContain('理由：住院自付两万多');

    const countyCard = await waitFor(() => cardsTo(county, number)[0], 'green card to the county');
    expect(countyCard.main_title.title).toBe('【绿色通道认定】县级确认');
    expect(await press(county, countyCard)).toContain('已纳入监测（突发严重困难户）');
    expect(await q('SELECT status, monitoring_kind FROM households WHERE id = $1', [b.id])).toEqual([
      { status: 'monitored', monitoring_kind: 'sudden' },
    ]);
    await waitFor(() => textsTo(b.helper).some((t) => t.includes('已纳入监测（突发严重困难户）')), 'helper told');
    // The checks after: 入户核实 by the helper, 评议 and 公示 by the village, 乡镇审核.
    await waitFor(() => cardsTo(b.helper, number)[0], 'home-check card to the helper');
    expect(await command(b.helper, `通过 ${number} 已入户，住院属实`)).toContain('核查·入户核实 → 核查·村级民主评议');
    expect(await command(b.village, `评议 ${number} 通过 参加9人`)).toContain('核查·村级公示');
    await noticeBack(number, 6);
    expect(await command(b.village, `通过 ${number}`)).toContain('核查·乡镇审核');
    expect(await command(b.township, `通过 ${number}`)).toContain('核查·乡镇审核 → 已完成');
    expect(await caseState(number)).toBe('included');

    // Large medical spending must be resolved by a measure before the exit (一减).
    expect(await consolePage(number)).toContain('住院自付两万多，收入会大幅下降'); // the override reason, shown to reviewers
    await exitAndReview(b, number, ['医疗救助 部门:医保局 金额:8000 已落实 大病二次报销'], 'console');
    expect((await procedureTrail(number)).slice(0, 6)).toEqual([
      `${b.helper}:procedure-propose:县级确认`,
      `${county}:procedure-pass:核查·入户核实`,
      `${b.helper}:procedure-pass:核查·村级民主评议`,
      `${b.village}:procedure-review:核查·村级公示`,
      `${b.village}:procedure-pass:核查·乡镇审核`,
      `${b.township}:procedure-pass:已完成`,
    ]);
    // The county confirmed within the policy's day of the first report.
    const [t] = await q<{ hours: number }>(
      `SELECT extract(epoch FROM p.confirmed_at - c.opened_at) / 3600 AS hours FROM procedures p JOIN cases c ON c.id = p.case_id
        WHERE c.number = $1 AND p.kind = 'identify'`,
      [number],
    );
    expect(Number(t!.hours)).toBeLessThan(24);
  });

  it("counts both in the register's 户/人: newly identified this year, risk removed", async () => {
    const after = await counts();
    const both = (await persons(a)) + (await persons(b));
    const delta = (k: keyof RegisterCounts) => ({
      households: after[k].households - before[k].households,
      persons: after[k].persons - before[k].persons,
    });
    expect(delta('total')).toEqual({ households: 2, persons: both });
    expect(delta('newThisYear')).toEqual({ households: 2, persons: both });
    expect(delta('removed')).toEqual({ households: 2, persons: both });
    expect(delta('removedThisYear')).toEqual({ households: 2, persons: both });
    expect(delta('notRemoved')).toEqual({ households: 0, persons: 0 });
  });
});
