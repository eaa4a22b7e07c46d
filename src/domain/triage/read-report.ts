import type { Lexicon, Signal } from './lexicon.js';
import { readAmounts, type Amount } from './parse-amount.js';
import { compileDialect, type DialectRewriter } from './text/dialect.js';
import { normaliseText } from './text/normalise-text.js';
import { EVENT_SIGNALS, scopeHits, type ScopedHit } from './text/scope.js';
import { compileTermMatcher, type TermHit, type TermMatcher } from './text/term-matcher.js';

/** A report as the pipeline read it: every stage's result, for the rules, the model and the `why`. */
export interface Reading {
  /** Normalised, dialect forms rewritten. */
  text: string;
  dialect: string[];
  hits: ScopedHit[];
  amounts: Amount[];
  /** Only asks (请问残疾证怎么办): nothing happening is reported outside the question. */
  questionOnly: boolean;
  /** Somebody reports for another household (帮邻居报, 隔壁王大爷家). */
  proxy: boolean;
  /** Something in the message says it is over (已经好了, 现在挺好的, 修好了). */
  resolvedCue: boolean;
}

interface Kit {
  matcher: TermMatcher;
  dialect: DialectRewriter;
}
const kits = new WeakMap<Lexicon, Kit>();

/** Compiled once per lexicon (a policy's lexicon never changes after loading). */
function kitOf(lexicon: Lexicon): Kit {
  let kit = kits.get(lexicon);
  if (!kit) {
    const dialect = compileDialect(lexicon);
    kit = { matcher: compileTermMatcher(lexicon, (t) => dialect.rewrite(t).text), dialect };
    kits.set(lexicon, kit);
  }
  return kit;
}

export function readReport(raw: string, lexicon: Lexicon): Reading {
  const kit = kitOf(lexicon);
  const { text, read } = kit.dialect.rewrite(normaliseText(raw));
  const found = [...kit.matcher.find(text), ...yearsWritten(text)];
  const { scoped, questionClauses } = scopeHits(text, found);
  const resolvedCue = found.some((h) => h.signal === 'resolved');
  const reported = scoped.some((h) => EVENT_SIGNALS.has(h.signal) && !h.asked && !h.negated);
  return {
    text,
    dialect: read,
    hits: scoped,
    amounts: readAmounts(text),
    questionOnly: questionClauses.size > 0 && !reported,
    proxy: scoped.some((h) => h.signal === 'proxy'),
    resolvedCue,
  };
}

/**
 * A year written out (丈夫2025年12月病逝, 2024年确诊): a villager tells what happens now as 昨天, 前几天 or 今年,
 * so a dated event is one in the past, whatever the date (the domain has no clock to compare it with).
 */
function yearsWritten(text: string): TermHit[] {
  return [...text.matchAll(YEAR)].map((m) => ({
    term: m[0],
    signal: 'past',
    start: m.index,
    end: m.index + m[0].length,
  }));
}
// 08年地震, 98年发大水: a two-figure year from before this one (a length of time, 20年, starts otherwise)
const YEAR = /(?:19|20)\d{2}年|(?<!\d)[09]\d年|二[〇零][一二三四五六七八九〇零]{2}年/g;

/** Hits of a signal that still stand: not denied, not over. */
export const standing = (r: Reading, signal: Signal) =>
  r.hits.filter((h) => h.signal === signal && !h.negated && !h.resolved);
export const has = (r: Reading, signal: Signal) => standing(r, signal).length > 0;
/** A hit as a reason shows it: as written, or as heard and the term it was read as (白血兵→白血病). */
export const asWritten = (h: { term: string; heard?: string }) => (h.heard ? `${h.heard}→${h.term}` : h.term);
/** A signal that stands and is told of now, not of the past (去年查出来的 is not now). */
export const standsNow = (r: Reading, signal: Signal) => standing(r, signal).some((h) => !h.past);

/**
 * What was damaged: the building word nearest the damage word in its clause (else the clause before).
 * 牛圈塌了 → other; 屋头的土墙房子垮了 → dwelling; a damage word that names a dwelling itself (危房) → dwelling.
 */
export function damageObject(r: Reading, damage: ScopedHit): 'dwelling' | 'other' | null {
  if (/危房|住不了|没法住|不能住|不敢住|无法居住|没地方住|没处住|无房|屋漏|漏雨/.test(damage.term)) return 'dwelling';
  // the clause itself, the one before, then further back: 俺家的墙往外鼓，裂的能塞进手，眼看就要塌
  for (let clause = damage.clause; clause >= Math.max(0, damage.clause - 3); clause--) {
    const near = r.hits
      // a crop or an animal is an object too: 烤烟被冲毁 is no house
      .filter((h) => OBJECT_SIGNALS.has(h.signal) && h.clause === clause)
      // 猪圈墙, 羊圈的窑: a wall or a cave right after a pen is the pen's
      .filter((h) => h.signal !== 'dwelling' || !r.hits.some((o) => o.signal === 'non_dwelling' && ownedBy(r, o, h)))
      .map((h) => ({ h, d: h.end <= damage.start ? damage.start - h.end : h.start - damage.end + 3 }))
      .filter(({ d }) => d >= 0)
      .sort((a, b) => a.d - b.d)[0];
    if (near) return near.h.signal === 'dwelling' ? 'dwelling' : 'other';
  }
  return null;
}
const ownedBy = (r: Reading, owner: ScopedHit, h: ScopedHit) =>
  owner.end === h.start || (owner.end === h.start - 1 && r.text[owner.end] === '的');
const OBJECT_SIGNALS = new Set<Signal>(['dwelling', 'non_dwelling', 'livestock']);

/** Whose water: drinking water, or irrigation (not a 饮水 risk), read from the words around the problem. */
export function waterUse(r: Reading, problem: ScopedHit): 'drinking' | 'irrigation' | null {
  // 天干了 is the drought itself (its 干了 is no dry well): what it did to the water is told apart
  if (problem.term === '干了' && r.text[problem.start - 1] === '天') return null;
  const nearest = (signal: Signal) =>
    Math.min(
      ...r.hits
        .filter((h) => h.signal === signal && Math.abs(h.clause - problem.clause) <= 1)
        .map((h) => Math.abs(h.start - problem.start)),
    );
  const drink = nearest('drinking_water');
  const field = nearest('irrigation');
  if (drink === Infinity && field === Infinity) {
    // nothing said next to it: the message's own water words decide (吃水要下到沟底挑，她七十八了，挑不动)
    const anywhere = (signal: Signal) => r.hits.some((h) => h.signal === signal && !h.negated);
    if (anywhere('drinking_water') && !anywhere('irrigation')) return 'drinking';
    return problem.term.includes('水') ? 'drinking' : null;
  }
  return drink <= field ? 'drinking' : 'irrigation';
}
