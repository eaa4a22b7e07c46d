import { damageObject, has, standing, type Reading } from './read-report.js';

// Whom or what an event befell: whose death, which building, whose crops. The rules ask these.

export const CHILDBIRTH = /早产|生娃|分娩|剖宫产|剖腹产|顺产/;

/** Whose death: the person (or animal) named nearest before the death word. A pig's death is a loss, not a death. */
export function deathOf(
  r: Reading,
  ages: number[],
): { term: string; who: 'earner' | 'elderly' | 'child' | 'other'; past: boolean } | null {
  // a funeral told (办丧事, 下葬) says 走了 was a death, whoever was named before it (人走了)
  const funeral = FUNERAL.test(r.text);
  const death = standing(r, 'death').find(
    (d) =>
      // 收入没了, 工作没了: the thing named right before it is what is gone
      !(WEAK_DEATH.test(d.term) && THING_LOST.test(r.text.slice(Math.max(0, d.start - 4), d.start))) &&
      // 能拄拐走了, 慢慢能走了: walking again
      !(d.term === '走了' && WALKING.test(r.text.slice(Math.max(0, d.start - 4), d.start))) &&
      (!WEAK_DEATH.test(d.term) ||
        funeral ||
        (r.hits.some((h) => PEOPLE.includes(h.signal) && h.end <= d.start && d.clause - h.clause <= 1) &&
          !leftHome(r.text, d)) ||
        // 矿里出事，走了: gone right after an accident told
        MISHAP_BEFORE.test(r.text.slice(Math.max(0, d.start - 6), d.start))),
  );
  if (!death) return null;
  const subject = r.hits
    .filter(
      (h) =>
        ['earner', 'elderly', 'child', 'livestock'].includes(h.signal) &&
        // 在鱼塘里淹死了: the pond is where, not who
        !(h.signal === 'livestock' && r.text[h.start - 1] === '在') &&
        h.end <= death.start &&
        death.clause - h.clause <= 1,
    )
    .sort((a, b) => b.end - a.end)[0];
  // 人没了, 人冒了: the death word names a person itself, whatever animal was named before it
  if (subject?.signal === 'livestock' && !death.term.startsWith('人')) return null;
  const age = ages.length ? Math.min(...ages) : null;
  const working = has(r, 'work') || has(r, 'breadwinner');
  const who =
    age !== null
      ? age < 18
        ? 'child'
        : age < 60 || (working && age < 70)
          ? 'earner'
          : 'elderly'
      : subject?.signal === 'earner' || (working && subject?.signal !== 'elderly')
        ? 'earner'
        : subject?.signal === 'elderly'
          ? 'elderly'
          : subject?.signal === 'child'
            ? 'child'
            : 'other';
  return { term: death.term, who, past: death.past };
}

// 没了, 走了 mean death only when said of a person: 车没了 is a lost truck, 他走了 may be a death.
const WEAK_DEATH = /^(没了|走了|不在了|死了)$/;
const THING_LOST = /(收入|工作|工资|钱|车|活|地|粮|房子|生意|饭碗|存款|积蓄|家底)(全|都|也)?$/;
const FUNERAL = /丧事|下葬|出殡|火化|安葬|送葬|灵堂|追悼|后事|埋了|上山了|白事|坟/;
const PEOPLE = ['earner', 'elderly', 'child'];
const WALKING = /(能|会|可以|拄拐|拄着拐|拄棍|慢慢)$/;
const MISHAP_BEFORE = /出事，?$|出了事，?$|事故，?$/;

/**
 * 走了 said of someone who went somewhere (儿子走了，去广东了; 出去打工走了; 走了俩月了，学校来人问过):
 * a departure, not a death. Only the weak words are read so; 去世了 is a death wherever it goes.
 */
export function leftHome(text: string, d: { term: string; start: number; end: number }): boolean {
  if (!/^走了$/.test(d.term)) return false;
  const after = text.slice(d.end, d.end + 12).replace(HOW_LONG, '');
  return LEFT_AFTER.test(after) || LEFT_BEFORE.test(text.slice(Math.max(0, d.start - 10), d.start));
}
// 走了三天了，回娘家了; 走了两年了，出去的: how long ago comes first, where to after it
const HOW_LONG = /^[，]?(好|快|都)?[一两三四五六七八九十几半多个]*(天|月|年|礼拜|星期)(多)?了?/;
const LEFT_AFTER =
  /^[，]?.{0,3}(去(?!年|世)|打工|上班|务工|外出|出门|出去|回来|回家|回学校|回去|回娘家|过年回|改嫁|不回来|没回来|再没回|跟人|跟着)|说.{0,4}回来/;
const LEFT_BEFORE = /(出去|出门|打工|跑|搬|离家|外出|务工|回娘家|改嫁|离婚|跟人|跟着)/;

/** Only a pen, a wall or a greenhouse was damaged (院墙倒塌, 主房完好). */
export function otherBuildingOnly(r: Reading): boolean {
  const damage = r.hits.filter((h) => h.signal === 'damage' || h.signal === 'damage_severe');
  return damage.length > 0 && damage.every((h) => damageObject(r, h) === 'other');
}

/** A crop or an animal named in the clause of a disaster or the next one, not denied: 冰雹，包谷全部打趴了. */
export function cropsHit(r: Reading): boolean {
  const strikes = r.hits.filter(
    (h) => (h.signal === 'disaster' || h.signal === 'weather') && !h.negated && !h.resolved && !h.past,
  );
  return r.hits.some(
    (c) =>
      c.signal === 'livestock' &&
      !c.negated &&
      !penOf(r, c) &&
      // 我家的果树没事, 包谷还好, 禾苗还活得: the crop was spared
      !SPARED.test(r.text.slice(c.end, c.end + 4)) &&
      strikes.some((s) => c.clause >= s.clause - 1 && c.clause <= s.clause + 2) &&
      !r.resolvedCue,
  );
}

const SPARED = /^(都|倒是|倒|也)?(没事|没有事|没啥事|还好|好好的|没受灾|没影响|没有影响|还活|冇事)/;

/** 猪 in 猪圈, 鸡 in 鸡舍: the pen's name, not the animal (猪圈被冲垮了 lost no pig). */
const penOf = (r: Reading, c: { start: number; end: number }) =>
  r.hits.some(
    (p) => p.signal === 'non_dwelling' && p.start <= c.start && p.end >= c.end && p.end - p.start > c.end - c.start,
  );

/** A pig, a sheep or a field of tea that died: a loss of income, not a death in the family. */
export function livestockDied(r: Reading): boolean {
  return r.hits.some(
    (d) =>
      (d.signal === 'death' || d.signal === 'livestock_loss') &&
      !d.negated &&
      !d.resolved &&
      r.hits.some((h) => h.signal === 'livestock' && h.end <= d.start && h.clause >= d.clause - 1),
  );
}

/** A disaster or fire whose nearest building word is the dwelling: 屋头着火了 (家里 counts for fire), not 猪圈着火了. */
export function nearDwelling(r: Reading, signals: string[]): boolean {
  return r.hits.some((h) => {
    if (!signals.includes(h.signal) || h.negated || h.resolved) return false;
    if (damageObject(r, h) === 'dwelling') {
      const home = r.hits.filter((d) => d.signal === 'dwelling' && Math.abs(d.clause - h.clause) <= 1);
      return h.signal === 'fire' || home.some((d) => !/^(家|家里)$/.test(d.term));
    }
    // 前半夜着火了，三间房烧了两间: the event told first, what it struck in the next clause
    return (
      damageObject(r, h) === null &&
      r.hits.some(
        (x) => x.clause === h.clause + 1 && STRIKES.has(x.signal) && !x.negated && damageObject(r, x) === 'dwelling',
      )
    );
  });
}
const STRIKES = new Set<string>(['fire', 'damage', 'damage_severe']);

/**
 * A serious illness the household has lived with (化疗好几年了, 一直在吃靶向药, 又复发了, 脑梗第三回), told
 * next to the illness: no sudden event. 需要长期透析 is what a new illness will take, not how long it went on.
 */
export function livedWith(r: Reading): boolean {
  return [...standing(r, 'illness_serious'), ...standing(r, 'illness_acute'), ...standing(r, 'treatment_serious')].some(
    (h) => LIVED_WITH.test(r.text.slice(Math.max(0, h.start - 8), h.end + 12)),
  );
}
const LIVED_WITH =
  /好几年|几年了|多年|这些年|一直在(化疗|放疗|透析|吃|打|治)|(?<![需要得])长期|常年|复查|复发|转移了|又转移|又犯|犯病|第[二三四五六七八九几]回|第[二三四五六七八九几]次|[两三四五六七八九几]回了|又住院|老毛病|[一两三几半]年(余|多)|持续(化疗|放疗|透析|治疗)/;

/** 今年天干 我家的包谷还好: every disaster told is a drought, and no crop or animal was lost to it. */
export function droughtStruckNothing(r: Reading): boolean {
  return (
    r.hits
      .filter((h) => (h.signal === 'disaster' || h.signal === 'fire') && !h.negated && !h.resolved)
      .every((h) => DROUGHT.test(h.term)) &&
    !cropsHit(r) &&
    !livestockDied(r) &&
    !has(r, 'crop_loss')
  );
}
const DROUGHT = /旱|天干|没下雨|不下雨|冇落雨|没落雨|不落雨/;
