import type { DeptKind, Policy, RiskType } from '../policy.js';
import type { HouseholdStatus } from '../types.js';
import { expenseRule } from './expense-rule.js';
import { greenReasons } from './green-rule.js';
import { selfPaidOf } from './parse-amount.js';
import { asWritten, damageObject, has, standing, waterUse, type Reading } from './read-report.js';
import type { Screening } from './screen-department-row.js';
import { EVENT_SIGNALS } from './text/scope.js';
import { departmentPrior } from './department-prior.js';
import { CHILDBIRTH, cropsHit, deathOf, droughtStruckNothing, livestockDied, nearDwelling } from './event-subjects.js';

export interface RuleVerdict {
  types: Set<RiskType>;
  green: boolean;
  /** Short reasons, e.g. "疾病(白血兵→白血病)", "自付≥5000(30000)". */
  why: string[];
}

export interface RuleInput {
  reading: Reading;
  kind?: DeptKind;
  amountYuan?: number | null;
  householdStatus?: HouseholdStatus | null;
  screening?: Screening | null;
  ages: number[];
}

const word = (r: Reading, ...signals: Parameters<typeof standing>[1][]) =>
  signals.flatMap((s) => standing(r, s)).map(asWritten);

/** The caseworker's rules over what the pipeline read. The model sees these as features and may overrule them. */
export function ruleVerdict(input: RuleInput, policy: Policy): RuleVerdict {
  const r = input.reading;
  const types = new Set<RiskType>();
  const why: string[] = [];
  const add = (t: RiskType, reason: string) => {
    types.add(t);
    why.push(reason);
  };
  // 我家的咋个还没到, 是不是冇发 …三个月冇收到了: a complaint put as a question is still a gap
  const complaint = has(r, 'benefit') ? COMPLAINT.exec(r.text)?.[0] : undefined;
  if (r.questionOnly && !input.kind && !complaint) return { types, green: false, why: ['只是询问'] };
  // 去年房子塌了 … 现在都住上了: every event told is past, and the message says it is over
  const events = r.hits.filter((h) => EVENT_SIGNALS.has(h.signal) && !h.negated && !h.resolved);
  if (!input.kind && r.resolvedCue && events.length && events.every((h) => h.past))
    return { types, green: false, why: ['已过去、已解决'] };

  // 因病因灾因意外
  const death = deathOf(r, input.ages);
  const illness = word(r, 'illness_serious', 'illness_acute', 'treatment_serious', 'illness_chronic');
  const sick = standing(r, 'illness_general').filter((h) => !CHILDBIRTH.test(h.term));
  const accident = word(r, 'accident', 'injury_serious');
  const disaster = word(r, 'disaster', 'fire');
  // an operation or a stay that cost the household real money is an illness that matters, whatever its name
  const treatmentCost = !CHILDBIRTH.test(r.text) && (selfPaidOf(r.amounts)?.yuan ?? 0) >= 1000;
  // a stay for a common illness, paid for below the household's line and reimbursed or over (住了几天院，
  // 报完自己出了一千多，好咯) is a minor stay: TRIAGE-LABELS counts it as no risk
  const ownShare = selfPaidOf(r.amounts)?.yuan;
  const minorStay =
    ownShare !== undefined &&
    // under the lower line whatever the status: the corpus's authors disagree on 一万二 for an ordinary household
    ownShare < Math.min(policy.thresholds.medicalSelfPaidLifted, policy.thresholds.medicalSelfPaidOther) &&
    (r.resolvedCue || REIMBURSED.test(r.text)) &&
    !has(r, 'unable_to_work') &&
    !has(r, 'debt') &&
    !has(r, 'cannot_pay');
  if (illness.length) add('illness_disaster_accident', `疾病(${illness.join(',')})`);
  // a department's row that names no illness (医保局 住院 自付 3.2万元) is a cost, not a diagnosis: 15 of the
  // corpus's 22 such rows are labelled 支出骤增 alone
  else if (
    sick.length &&
    !input.kind &&
    !minorStay &&
    (has(r, 'hospital_inpatient') || has(r, 'unable_to_work') || treatmentCost)
  )
    add('illness_disaster_accident', `就医(${sick.map((h) => h.term).join(',')})`);
  const elderlyDeath = death?.who === 'elderly';
  if (accident.length && !elderlyDeath) add('illness_disaster_accident', `意外(${accident.join(',')})`);
  // a disaster that only cut the water (天旱水窖干了, 泥石流冲断了饮水管) or, long past, cracked the house
  // reads as that risk alone: the household suffered it as water or housing (23 of the corpus's 31 such
  // water reports say water alone)
  // 住人的窑没事, 房屋未受损: the message says the dwelling was spared, so what was hit was something else
  const spared = DWELLING_SPARED.test(r.text);
  const damaged = spared
    ? []
    : [...standing(r, 'damage_severe'), ...standing(r, 'damage')].filter((h) => damageObject(r, h) === 'dwelling');
  // a roof that lets the rain in (有点漏雨, 屋面局部漏雨) is a repair, not a dwelling unsafe; wind and rain
  // through it (漏风漏雨), a leak that stops the family sleeping, or anything broken besides is
  const leakOnly = damaged.every((h) => LEAK.test(h.term)) && !BAD_LEAK.test(r.text);
  const homeDamage = leakOnly ? [] : damaged;
  const water = standing(r, 'water_problem').filter((h) => waterUse(r, h) === 'drinking');
  const disasterPast = r.hits.filter((h) => h.signal === 'disaster' || h.signal === 'fire').every((h) => h.past);
  const onlyWater = water.length > 0 && !homeDamage.length && !accident.length && !cropsHit(r);
  const struckNothing = droughtStruckNothing(r) && !water.length && !homeDamage.length;
  if (disaster.length && !onlyWater && !struckNothing && !(disasterPast && homeDamage.length))
    add('illness_disaster_accident', `灾害(${disaster.join(',')})`);
  if (standing(r, 'severity').length && !types.has('illness_disaster_accident'))
    add('illness_disaster_accident', '危重');
  if (death && death.who !== 'elderly' && !death.past) add('illness_disaster_accident', `死亡(${death.term})`);
  const earnerDied = death?.who === 'earner' && !death.past;
  // an earner who died months ago (去年走了) still matters, the income is still gone (CONVENTIONS.md 3), unless 还行
  const earnerGone = death?.who === 'earner' && death.past && !r.resolvedCue;
  if (earnerGone) add('illness_disaster_accident', `死亡(过去,${death.term})`);
  if (earnerGone) add('income_drop', '劳动力死亡(过去)');
  if (livestockDied(r)) add('income_drop', '牲畜庄稼死亡');
  // hail, frost, flood or drought on the crops or the animals: a disaster and a lost income (冰雹把红枣打了)
  const struck = [...disaster, ...word(r, 'weather')].length > 0 && cropsHit(r);
  if (struck && !types.has('income_drop')) add('income_drop', '灾害损毁庄稼牲畜');
  if (struck && !types.has('illness_disaster_accident')) add('illness_disaster_accident', '灾害(庄稼牲畜)');

  // 住房, 饮水
  // 塌了一截, 倒了一面: a part fallen off an old house is unsafe housing, not a house coming down
  const partial = (h: { end: number }) => PARTIAL.test(r.text.slice(h.end, h.end + 5));
  // a wall leaning or propped up (墙体倾斜, 拿木头顶着) is a house about to fall (CONVENTIONS.md 4, H)
  // and so is one the village or the 住建 staff told the family to leave (让额们赶紧搬出来, 建议立即搬离)
  const leaning = homeDamage.length > 0 && (LEANING.test(r.text) || EVACUATE.test(r.text));
  const collapsed =
    leaning || homeDamage.some((h) => h.signal === 'damage_severe' && COLLAPSE.test(h.term) && !h.past && !partial(h));
  if (homeDamage.length) add('housing', `住房(${homeDamage.map((h) => h.term).join(',')})`);
  // rain or wind that brought the dwelling down (暴雨倒塌, 大风把房顶掀了) is a disaster; one that only
  // threatens it (随时要垮, 快倒了) is an emergency of the house, its type stays 住房
  const weatherHit = !disaster.length && has(r, 'weather') && collapsed;
  const fellNow = homeDamage.some(
    (h) => h.signal === 'damage_severe' && !THREAT.test(r.text.slice(Math.max(0, h.start - 3), h.end)),
  );
  if (weatherHit && fellNow) add('illness_disaster_accident', `灾害(${word(r, 'weather').join(',')})`);
  const disasterAtHome = disaster.length > 0 && !spared && nearDwelling(r, ['disaster', 'fire']);
  if (disasterAtHome && !homeDamage.length && (has(r, 'fire') || has(r, 'damage') || has(r, 'damage_severe')))
    add('housing', `灾害毁房(${disaster.join(',')})`);
  if (water.length) add('water', `饮水(${water.map((h) => h.term).join(',')})`);

  // 收入
  const income = word(r, 'job_loss', 'wage_arrears', 'crop_loss', 'livestock_loss', 'unable_to_work', 'income_report');
  // 工资两个月没发了: a wage not paid, said with the benefit-gap words
  const unpaidWage = standing(r, 'benefit_gap').find((h) =>
    /工资|工钱/.test(r.text.slice(Math.max(0, h.start - 8), h.start)),
  );
  if (unpaidWage) income.push(`工资${unpaidWage.term}`);
  if (income.length) add('income_drop', `收入(${income.join(',')})`);
  if (earnerDied) add('income_drop', '劳动力死亡');
  // the one the household lives on is in hospital, badly hurt or cannot work: its income stops with them
  const breadwinner = word(r, 'breadwinner');
  const downed =
    types.has('illness_disaster_accident') &&
    (has(r, 'hospital_inpatient') || has(r, 'severity') || has(r, 'injury_serious'));
  if (breadwinner.length && (downed || death) && !types.has('income_drop'))
    add('income_drop', `顶梁柱(${breadwinner.join(',')})`);
  // hurt at work (工地上摔下来, 厂里手叫机器绞了) and badly: a working member is down and the wage stops
  // with them, said or not (the corpus's authors label 收入骤减 in four such reports of five)
  const hurt = [...standing(r, 'accident'), ...standing(r, 'injury_serious')];
  // a place of paid work (工地, 矿上, 厂里), not 地里干活: a farmer's harvest is not lost by a snake bite
  const atWork = standing(r, 'work').filter(
    (w) => w.term !== '干活' && w.term !== '挣钱' && hurt.some((h) => Math.abs(h.clause - w.clause) <= 1),
  );
  const working = !input.kind && !elderlyDeath && !input.ages.some((a) => a >= 65 || a < 16);
  if (atWork.length && working && (downed || has(r, 'unable_to_work')) && !types.has('income_drop'))
    add('income_drop', `工伤(${atWork.map((h) => h.term).join(',')})`);

  // 失学
  const out = standing(r, 'dropout');
  const schoolAge = has(r, 'school') || has(r, 'child') || input.ages.some((a) => a >= 6 && a < 17);
  const maybeOut = standing(r, 'dropout_weak').filter(() => has(r, 'school') || has(r, 'child'));
  // a school-age child who stopped (没念完就…, 讲毋读了, 半年冇返学) or has sat at home for weeks
  // (在屋头耍了一个多月): out of school whatever word was used, even after a worry word (不想读了)
  // or has not gone since term began, or the school will not take (开学一个多月未去学校, 学校说没得学位)
  const notGoing = (NOT_GOING.test(r.text) || REFUSED.test(r.text)) && !SICK_LEAVE.test(r.text);
  const stayedOut = schoolAge && !input.kind && (STOPPED_SCHOOL.test(r.text) || childAtHome(r) || notGoing);
  // 现在天天去着呢: still at school, whatever was feared
  const stillGoing = STILL_GOING.test(r.text);
  if (!stillGoing && (out.length || maybeOut.length) && !has(r, 'school_ok'))
    add('dropout', `失学(${[...out, ...maybeOut].map((h) => h.term).join(',')})`);
  else if (!stillGoing && stayedOut) add('dropout', '失学(不上学了)');

  // 政策未落实: a benefit not received, never one received or asked about
  const gap: Array<{ term: string }> = standing(r, 'benefit_gap').filter((h) => !h.asked || complaint);
  if (complaint && !gap.length) gap.push({ term: complaint });
  const repairDenied = gap.some((h) => /没钱改|没钱修/.test(h.term)) && has(r, 'dwelling');
  // 隔壁都发了: what others received says nothing of this household's payment
  const received = standing(r, 'benefit_received').filter(
    (h) => !r.hits.some((o) => o.signal === 'others' && o.clause === h.clause),
  );
  if (gap.length && (has(r, 'benefit') || repairDenied) && !received.length) {
    add('policy_gap', `政策(${gap.map((h) => h.term).join(',')})`);
    // a member said to be disabled (我是二级残疾, 她有残疾证的) is 因病因灾因意外; the allowance's name alone
    // (残疾人两项补贴停发) says nothing of the member, and the corpus's authors label it the gap alone
    const disabled = DISABLED_MEMBER.test(r.text.replace(DISABILITY_BENEFIT, ''));
    if (disabled && !types.has('illness_disaster_accident')) add('illness_disaster_accident', '残疾(成员)');
  }

  const { bigCost } = expenseRule(r, input, policy, types, add);

  const homeHit =
    (disasterAtHome || (homeDamage.length > 0 && disaster.length > 0) || weatherHit) &&
    !r.hits.some((h) => h.past && (h.signal === 'disaster' || h.signal === 'fire'));
  const urgent = greenReasons({ reading: r, kind: input.kind, bigCost, homeHit, collapsed, earnerDied });
  why.push(...urgent.notes, ...urgent.green.map((reason) => `绿色通道:${reason}`));
  const green = urgent.green.length > 0;
  // an old member who did not earn died of the illness told (走了，八十三，瘫在床上好几年了): the illness
  // went with them, and the death alone is no risk unless costs, debt or lost income are stated (TRIAGE-LABELS)
  const diedOfIt = elderlyDeath && !death.past && types.size === 1 && !has(r, 'debt') && !has(r, 'cannot_pay');
  if (diedOfIt && types.has('illness_disaster_accident') && !accident.length) {
    types.clear();
    why.push('老人病故');
  }
  departmentPrior(input, types, why);
  return { types, green, why };
}

// Fallen or about to fall, as opposed to long uninhabitable (住不了, 没地方住): only these are sudden.
const COLLAPSE =
  /塌|垮|倒|冲毁|冲走|埋|歪|撑起|烧没|烧毁|烧了一大半|夷为平地|不敢住|不敢进去|搬出去|掀|露天|越来越宽|听到响|咔咔响|紧急转移|贯通|倾斜|外闪|鼓出|晃|咯吱|断了|往下陷|崩落/;
// 好多年没住人了, 那家人早搬了, 已搬离: a house nobody lives in is no household's dwelling
const DWELLING_SPARED =
  /(房子|房屋|住房|主房|屋子|住人的窑|住的|正房)[^，]{0,3}(没事|没有事|没啥事|无损|未受损|完好|没烧到|没受损|没坏|没塌|冇事|没有受损|未受影响|没受影响|没有影响|无明显损|没什么损)|(早|都)?不住了|搬(到|进)(了)?新房|没人住|没有人住|冇人住|没住人|无人居住|无人员居住|空置|闲置|早(就)?(都)?搬|已搬离|住到新|住进新|(?<![a-z])[ab]级|基本安全|结构安全|不影响(结构)?安全|主屋安全|主房安全/;
const LEAK = /^(漏雨|漏水|屋漏)$/;
const BAD_LEAK = /漏风|厉害|严重|到处|满屋|没法(住|睡)|住不了|不能住|泡|霉|长草/;
const LEANING = /倾斜|支撑|撑着|撑起|顶着/;
const EVACUATE = /(让|叫|喊|通知|动员|要求|建议)[^，]{0,5}(搬|撤离|转移)/;
const THREAT = /要|快|随时|可能|怕|眼看/;
const PARTIAL = /^了?(一截|一角|一个角|一面|一小块|一点|一部分|个角)/;
const STOPPED_SCHOOL =
  /(没|冇|毋|冒|唔)(有)?(读|念|上)完|(不|没|冇|毋|冒|唔)(让|给|再)(读|念|上)了|(讲|说)(毋|不)(读|念)了|(冇|没|唔)返学/;
const AT_HOME_FOR =
  /在(家|屋头|屋里|屋企)[^，]{0,4}(一|两|三|四|几|半|俩|十)[^，]{0,3}(月|礼拜|星期|周|学期|年)|(一|两|三|几|半|俩)[^，]{0,3}(月|礼拜|星期|周|学期|年)[^，]{0,3}(冇|没|不)(去|上)(学|学校)/;
/** A stay at home for weeks said of the child, not of an earner out of work (老汉没活干，在家闲了半年) nor on sick leave. */
function childAtHome(r: Reading): boolean {
  const m = AT_HOME_FOR.exec(r.text);
  if (!m || SICK_LEAVE.test(r.text)) return false;
  const clause = r.text.slice(0, m.index).split('，').length - 1;
  return !r.hits.some((h) => ADULT_IDLE.has(h.signal) && h.clause >= clause - 1 && h.clause <= clause);
}
const ADULT_IDLE = new Set<string>(['earner', 'elderly', 'work', 'job_loss', 'unable_to_work']);
const NOT_GOING =
  /(没|冇|未|冒|唔)(有)?(去|上|返)(学校|学|读|报名)|开学[^，]{0,8}(没去|冇去|未去|还在家|还在屋)|(上|这)学期[^，]{0,3}(就)?(没|冇|未)(去|读|上)/;
const REFUSED = /学校[^，]{0,8}(不收|不要他|不要她|不能报名|报不了名|没得学位|没有学位)/;
const SICK_LEAVE = /请假|休养|病假|养病|休学/;
const STILL_GOING = /天天去|还在读|还在上|照常上学|每天都去|去着呢/;
// 今年的补贴是不是没得了, 往年这个时候早就到了: the payment is asked after because it did not come
const COMPLAINT =
  /(咋|怎么|为什么|为啥|么子|么哩|咋个)[^，]{0,6}(还)?(没|冇|冒|未|停|就给了|少)|是不是(没|冇|冒|不)(发|到|打|给|有|得)|是不是(停|断|取消|减|少)(了|发)|(往年|去年|以前)[^，]{0,8}(早就|都)(到|发|打)/;
const DISABILITY_BENEFIT =
  /残疾人两项补贴|残疾人(生活|护理)?补贴|(重度)?残疾(人)?(护理|生活)?(补贴|补助)|重残护理补贴|残急补贴|残疾证的补贴/g;
const DISABLED_MEMBER = /残疾|残急|重残|瘫|盲人|失明|聋|哑|智力|肢体|视力|精神/;
const REIMBURSED = /报完|报了|报销完|报销后|报销了|已报销/;
