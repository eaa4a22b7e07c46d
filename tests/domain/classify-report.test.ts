import { describe, expect, it } from 'vitest';
import { classifyReport, type ReportFacts } from '../../src/domain/triage/classify-report.js';
import { largestAmount } from '../../src/domain/triage/parse-amount.js';
import type { RiskType } from '../../src/domain/policy.js';
import { loadPolicy } from '../../src/load-policy.js';

const policy = loadPolicy('policy/default.json');
const I = 'illness_disaster_accident',
  E = 'expense_jump',
  D = 'income_drop',
  S = 'dropout',
  H = 'housing',
  W = 'water',
  P = 'policy_gap';
type Row = [text: string, types: RiskType[], urgency: 'green' | 'normal', extra?: Partial<ReportFacts>];

// Written for this project: what villagers, hotline operators and departments actually say.
const REPORTS: Row[] = [
  // illness and hospital costs
  ['我爸上个月中风住院了，花了三万多，家里拿不出钱', [E, I], 'green', { householdStatus: 'lifted' }],
  ['老伴查出来是肺癌，要去昆明做手术', [I], 'green'],
  ['孩子得了白血病，在省医院住院，医药费已经欠了8万', [E, I], 'green'],
  // chronic dialysis is ongoing, not sudden; 很多钱 states no sum (TRIAGE-LABELS: normal, no 支出骤增)
  ['我妈尿毒症每周透析三次，医保报销后自己还要出很多钱', [I], 'normal'],
  ['家里老人常年慢性病，每个月吃药要四五百', [I], 'normal'],
  // childbirth is no illness, and 6,000 is under an ordinary household's 20,000
  ['媳妇生孩子剖腹产手术，花了6000元', [], 'normal', { householdStatus: 'ordinary' }],
  ['爷爷脑梗偏瘫在床，没人照顾', [I], 'normal'],
  ['儿子精神病又犯了，送去医院了', [I], 'normal'],
  ['我腰椎间盘突出做手术，自费1.2万', [I], 'normal', { householdStatus: 'ordinary' }], // 12,000 < 20,000
  ['我腰椎间盘突出做手术，自费1.2万', [E, I], 'normal', { householdStatus: 'monitored' }], // planned surgery: not sudden
  // accidents and deaths
  // the earner cannot work: 收入骤减; a fracture with no hospital or surgery stated is normal (the corpus
  // labels 胳膊摔折了 打上石膏了 so)
  ['我男人在工地上摔伤了，腿骨折，现在干不了活', [I, D], 'normal'],
  ['儿子骑摩托车出了车祸，还在ICU', [I], 'green'],
  ['家里顶梁柱上个月去世了，剩下老人和两个娃', [I, D], 'green'], // the earner dead: 收入骤减
  ['我哥在外地打工触电受伤，老板不管', [I], 'normal'],
  ['侄子下河游泳溺水，人没了', [I], 'normal'],
  ['老父亲被车撞了，肇事司机跑了', [I], 'normal'],
  // disasters and housing
  ['昨晚下大雨，泥石流把我家房子冲毁了', [H, I], 'green'],
  ['家里失火了，烧得啥也没剩', [H, I], 'green'], // the fire took the dwelling: 住房无保障 too
  ['洪水把地里的庄稼全淹了，今年绝收', [D, I], 'normal'], // crop loss alone is normal
  ['冰雹把烤烟打完了，今年减产一大半', [D, I], 'normal'],
  ['地震后我家墙裂了好几道缝，不敢住', [H, I], 'green'],
  ['老房子漏雨漏得厉害，下雨天没法睡', [H], 'normal'],
  ['村里把我家评成危房了，但是一直没人来改造', [H, P], 'normal'],
  ['猪房塌了一半，人住的屋子也裂缝了', [H], 'normal'], // the pen fell, the dwelling only cracked
  ['我们一家五口挤在一间屋里，没地方住', [H], 'normal'],
  // income drop, jobs, farming
  ['我在广东的厂子倒闭了，现在没工作，家里就靠我一个人', [D], 'normal'],
  ['打工回来大半年了，一直找不到活干', [D], 'normal'],
  ['老板拖欠工资两万块，过年都回不了家', [D], 'normal'],
  ['今年干旱，玉米基本没收成', [D, I], 'normal'],
  ['养的二十头猪得猪瘟全死了，贷款还不上', [D], 'normal'],
  ['种的核桃卖不出去，烂在地里', [D], 'normal'],
  ['疫情以后停工了，三个月没有收入', [D], 'normal'],
  ['被公司辞退了，孩子下学期学费还没着落', [D], 'normal'], // no schooling sum stated
  // schooling
  ['我家老二初二了，不去学校，天天在家玩手机', [S], 'normal'],
  ['孙子初中辍学跟人去外地打工了', [S], 'normal'],
  ['女儿考上大学了，学费加生活费一年要两万多，交不起', [E], 'normal'],
  ['邻居家小孩十三岁了一直没上学', [S], 'normal'],
  ['孩子在镇上读书被欺负，说什么都不去学校了', [S], 'normal'],
  // water
  ['我们组停水半个月了，要走两里路去挑水', [W], 'normal'],
  ['水管冻裂了，家里没水吃', [W], 'normal'],
  ['井里的水发黄有味道，不敢喝', [W], 'normal'],
  ['自来水一直没通到我们村民小组', [W], 'normal'],
  // benefits not received
  ['我家的低保这三个月都没到账', [P], 'normal'],
  ['残疾补贴去年就申请了，到现在还没领到', [I, P], 'normal'], // a disabled member (as the corpus labels it)
  ['为啥把我家低保取消了，我们家情况没变', [P], 'normal'],
  ['临时救助说好了给，一直没落实', [P], 'normal'],
  ['在县医院住院，医保报销不了，说是没备案', [I, P], 'normal'], // in hospital, no danger stated
  ['老人的养老金从上个月开始没发', [P], 'normal'],
  // vague complaints and help requests
  ['日子越来越难过了，帮帮我们吧', [], 'normal'],
  ['我家困难，能不能给点补贴', [], 'normal'], // a request, no due benefit missing
  ['有没有人管管我们家', [], 'normal'],
  ['我想问问我家还算不算脱贫户', [], 'normal'],
  // chatter and irrelevant
  ['你好', [], 'normal'],
  ['在吗', [], 'normal'],
  ['谢谢你们上次来看我们', [], 'normal'],
  ['今天天气真好', [], 'normal'],
  ['我家的牛下了一头小牛', [], 'normal'],
  ['请问村委会几点上班', [], 'normal'],
  ['哈哈哈', [], 'normal'],
  ['👍', [], 'normal'],
  // department alerts (kind and amount given)
  // a row that names no illness is the cost alone (15 of the corpus's 22 such rows), and a large cost
  // alone is normal: the green decision comes from the event, not the department kind
  ['2026年1-10月住院自付费用', [E], 'normal', { kind: 'medical_cost', amountYuan: 23800, householdStatus: 'ordinary' }],
  ['门诊慢病自付', [E, I], 'normal', { kind: 'medical_cost', amountYuan: 3200, householdStatus: 'ordinary' }],
  ['住院自付', [E], 'normal', { kind: 'medical_cost', amountYuan: 6100, householdStatus: 'lifted' }],
  ['初中在籍未到校', [S], 'normal', { kind: 'dropout' }],
  ['房屋鉴定为D级危房，随时可能倒塌', [H], 'green', { kind: 'unsafe_house' }],
  ['集中供水点季节性断水', [W], 'normal', { kind: 'no_water' }],
  ['户内劳动力失业登记', [D], 'normal', { kind: 'job_loss' }],
  ['户主因交通事故死亡', [D, I], 'green', { kind: 'death_or_accident' }],
  ['山洪受灾', [I], 'normal', { kind: 'disaster' }], // no damage to the home stated
  ['新纳入低保对象', [D], 'normal', { kind: 'low_income' }], // a benefit granted is no 政策未落实
];

describe('classifyReport on realistic reports', () => {
  const results = REPORTS.map(([text, types, urgency, extra]) => {
    const facts: ReportFacts = { text, ...extra };
    const got = classifyReport(facts, policy);
    const ok = JSON.stringify(got.riskTypes) === JSON.stringify([...types].sort()) && got.urgency === urgency;
    return {
      text: facts.text,
      want: [[...types].sort().join(','), urgency],
      got: [got.riskTypes.join(','), got.urgency, got.rulesFired],
      ok,
    };
  });

  it('has at least 60 reports', () => {
    expect(REPORTS.length).toBeGreaterThanOrEqual(60);
  });

  it('gets type and urgency right for at least 95% of them (misses printed)', () => {
    const misses = results.filter((r) => !r.ok);
    const accuracy = 1 - misses.length / results.length;
    console.log(
      `classification accuracy: ${(accuracy * 100).toFixed(1)}% (${results.length - misses.length}/${results.length})`,
    );
    for (const m of misses) console.log('  miss:', m.text, 'want', m.want, 'got', m.got);
    expect(accuracy).toBeGreaterThanOrEqual(0.95);
  });

  it("never takes the 绿色通道 from a department kind alone (an elderly non-earner's natural death)", () => {
    const c = classifyReport({ text: '户籍人员张某某，81岁，病故', kind: 'death_or_accident' }, policy);
    expect(c.urgency).toBe('normal');
    expect(c.riskTypes).toEqual([]);
    expect(c.rulesFired.some((r) => r.startsWith('绿色通道'))).toBe(false);
  });

  it.each([
    [6800, 'alert'],
    [7600, 'observe'],
  ])('reads a low-income row with no description (income %i) as 收入骤减, %s', (amountYuan, verdict) => {
    const c = classifyReport({ text: '', kind: 'low_income', amountYuan, householdStatus: 'lifted' }, policy);
    expect(c.screening?.verdict).toBe(verdict);
    expect(c.riskTypes).toEqual(['income_drop']);
  });

  it('explains itself: the rules that fired and the top model features', () => {
    const c = classifyReport({ text: '我爸住院花了3万', householdStatus: 'lifted' }, policy);
    expect(c.rulesFired.slice(0, 2)).toEqual(['就医(住院)', '自付≥5000(30000)']);
    expect(c.rulesFired.some((w) => w.startsWith('模型:expense_jump('))).toBe(true);
  });
});

describe('largestAmount', () => {
  it.each([
    ['花了三万多', 30000],
    ['欠了8万', 80000],
    ['自费1.2万', 12000],
    ['6000元', 6000],
    ['两千块', 2000],
    ['三万五', 35000],
    ['十三岁', null],
    ['2026年1月', null],
    ['３万', 30000],
  ])('%s → %s', (text, want) => {
    expect(largestAmount(text)).toBe(want);
  });
});
