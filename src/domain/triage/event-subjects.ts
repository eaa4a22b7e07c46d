import { damageObject, has, standing, type Reading } from './read-report.js';

// Whom or what an event befell: whose death, which building, whose crops. The rules ask these.

export const CHILDBIRTH = /早产|生娃|分娩|剖宫产|剖腹产|顺产/;

/** Whose death: the person (or animal) named nearest before the death word. A pig's death is a loss, not a death. */
export function deathOf(
  r: Reading,
  ages: number[],
): { term: string; who: 'earner' | 'elderly' | 'child' | 'other'; past: boolean } | null {
  const death = standing(r, 'death').find(
    (d) =>
      !WEAK_DEATH.test(d.term) ||
      (r.hits.some((h) => PEOPLE.includes(h.signal) && h.end <= d.start && d.clause - h.clause <= 1) &&
        !leftHome(r.text, d)),
  );
  if (!death) return null;
  const subject = r.hits
    .filter(
      (h) =>
        ['earner', 'elderly', 'child', 'livestock'].includes(h.signal) &&
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
const PEOPLE = ['earner', 'elderly', 'child'];

/**
 * 走了 said of someone who went somewhere (儿子走了，去广东了; 出去打工走了; 走了俩月了，学校来人问过):
 * a departure, not a death. Only the weak words are read so; 去世了 is a death wherever it goes.
 */
export function leftHome(text: string, d: { term: string; start: number; end: number }): boolean {
  if (!/^走了$/.test(d.term)) return false;
  return (
    LEFT_AFTER.test(text.slice(d.end, d.end + 8)) || LEFT_BEFORE.test(text.slice(Math.max(0, d.start - 10), d.start))
  );
}
const LEFT_AFTER = /^[，]?.{0,3}(去(?!年|世)|打工|上班|务工|外出|出门|回来|回家|过年回)|说.{0,4}回来/;
const LEFT_BEFORE = /(出去|出门|打工|跑|搬|离家|外出|务工)/;

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
      // 我家的果树没事, 包谷还好, 禾苗还活得: the crop was spared
      !SPARED.test(r.text.slice(c.end, c.end + 4)) &&
      strikes.some((s) => c.clause >= s.clause - 1 && c.clause <= s.clause + 2) &&
      !r.resolvedCue,
  );
}

const SPARED = /^(都|倒是|也)?(没事|没有事|没啥事|还好|好好的|没受灾|没影响|没有影响|还活|冇事)/;

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
