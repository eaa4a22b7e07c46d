import type { Lexicon, Signal } from '../lexicon.js';
import { exactKey, exactReadingsOf, readingsOf, soundAlike, termKey } from './pinyin-key.js';

/** One lexicon term found in a text. `heard` is set when it was found by sound, not spelling (白血兵 → 白血病). */
export interface TermHit {
  term: string;
  signal: Signal;
  start: number;
  end: number;
  heard?: string;
}

interface Term {
  term: string;
  signals: Signal[];
  /** A slip's spelling (肺艾) stands for this term (肺癌). */
  meant?: string;
}
export interface TermMatcher {
  find(text: string): TermHit[];
}

// Typos are looked for only where a miss costs a household: illness, accidents, danger, disasters.
const HEARD_SIGNALS = new Set<Signal>([
  'illness_serious',
  'illness_acute',
  'treatment_serious',
  'illness_chronic',
  'accident',
  'injury_serious',
  'severity',
  'disaster',
  'fire',
  'death',
]);

// A right character that carries no meaning is no evidence: 少了 is not 烧了, 上了 is not 伤了.
const FUNCTION_CHARS = new Set([...'了的着过子头个儿么吗呢啊吧哦得地在是有来去上下一不']);

/**
 * Builds the matcher for a lexicon once: exact terms by first character, sound-alike terms by first
 * syllable. `asRead` is what the dialect stage makes of a term: the text is matched after it, so a term
 * written in dialect (冇得进项) is also looked for as the text will read (没有进项).
 */
export function compileTermMatcher(lexicon: Lexicon, asRead: (term: string) => string = (t) => t): TermMatcher {
  const byTerm = new Map<string, Term>();
  const put = (term: string, signal: Signal) => {
    const t = byTerm.get(term) ?? { term, signals: [] };
    if (!t.signals.includes(signal)) t.signals.push(signal);
    byTerm.set(term, t);
  };
  for (const file of lexicon.files)
    for (const e of file.entries)
      for (const term of e.terms) {
        put(term, e.signal);
        if (e.signal !== 'dialect') put(asRead(term), e.signal);
      }
  const slipped = new Map<string, Term>();
  for (const file of lexicon.files)
    for (const e of file.entries)
      for (const term of e.terms)
        for (const variant of slipsOf(term, e.slips ?? {}))
          if (!byTerm.has(variant)) {
            const t = slipped.get(variant) ?? { term: variant, signals: [], meant: term };
            if (!t.signals.includes(e.signal)) t.signals.push(e.signal);
            slipped.set(variant, t);
          }
  const trie = new TrieNode();
  for (const t of slipped.values()) trie.add(t);
  const bySound = new Map<string, Array<Term & { key: string[]; exact: string[] }>>();
  for (const t of byTerm.values()) {
    trie.add(t);
    const heard = t.signals.filter((s) => HEARD_SIGNALS.has(s));
    const chars = [...t.term];
    if (heard.length && chars.length >= 2 && chars.every((c) => /\p{Script=Han}/u.test(c))) {
      const key = termKey(t.term);
      if (key.length !== chars.length) continue;
      bySound.set(key[0]!, [
        ...(bySound.get(key[0]!) ?? []),
        { term: t.term, signals: heard, key, exact: exactKey(t.term) },
      ]);
    }
  }
  return { find: (text) => findTerms(text, trie, bySound) };
}

function findTerms(
  text: string,
  trie: TrieNode,
  bySound: Map<string, Array<Term & { key: string[]; exact: string[] }>>,
): TermHit[] {
  const hits: TermHit[] = [];
  const spelled = new Set<string>(); // "start:term" found by spelling, so a sound match there adds nothing
  for (let i = 0; i < text.length; i++) {
    // every term that starts here, longest first (as the rules expect), in one walk down the trie
    const found: Term[] = [];
    let node = trie.next.get(text[i]!);
    for (let j = i + 1; node; j++) {
      if (node.term) found.push(node.term);
      node = j < text.length ? node.next.get(text[j]!) : undefined;
    }
    for (let k = found.length - 1; k >= 0; k--) {
      const t = found[k]!;
      const term = t.meant ?? t.term;
      spelled.add(`${i}:${term}`);
      const heard = t.meant ? { heard: t.term } : {};
      for (const signal of t.signals) hits.push({ term, signal, start: i, end: i + t.term.length, ...heard });
    }
  }
  const chars = [...text];
  if (chars.length !== text.length) return dropContained(hits); // surrogate pairs: positions would drift; no sound matching
  for (let i = 0; i < chars.length; i++) {
    for (const first of readingsOf(chars[i]!)) {
      for (const t of bySound.get(first) ?? []) {
        const n = t.key.length;
        if (i + n > chars.length) continue;
        let same = 0;
        let ok = true;
        for (let k = 0; k < n && ok; k++) {
          if (chars[i + k] === t.term[k]) same += FUNCTION_CHARS.has(t.term[k]!) ? 0 : 1;
          // two characters must sound exactly alike (骨着/骨折); longer terms may merge sounds (脑溢雪/脑溢血)
          else
            ok =
              n === 2
                ? exactReadingsOf(chars[i + k]!).includes(t.exact[k]!) && soundAlike(chars[i + k]!, t.term[k]!)
                : readingsOf(chars[i + k]!).includes(t.key[k]!);
        }
        // at least one character spelled right, and never a whole different word: 医院 is no 意愿
        if (!ok || same === 0) continue;
        const heard = chars.slice(i, i + n).join('');
        if (heard === t.term || spelled.has(`${i}:${t.term}`)) continue;
        for (const signal of t.signals) hits.push({ term: t.term, signal, start: i, end: i + n, heard });
      }
    }
  }
  return dropContained(hits).filter(
    (h) => !h.heard || !hits.some((p) => p.signal === 'plain_word' && p.start < h.end && h.start < p.end),
  );
}

/** A term with one of its characters written as a known slip (肺癌 → 肺艾); none for a one-character term. */
function slipsOf(term: string, slips: Record<string, string[]>): string[] {
  const chars = [...term];
  if (chars.length < 2) return [];
  return chars.flatMap((c, i) =>
    (slips[c] ?? []).map((s) => [...chars.slice(0, i), s, ...chars.slice(i + 1)].join('')),
  );
}

/** Terms by character, so all terms starting at a position are found in one walk (code units, as `startsWith` was). */
class TrieNode {
  next = new Map<string, TrieNode>();
  term: Term | null = null;
  add(t: Term): void {
    let node: TrieNode = this;
    for (let i = 0; i < t.term.length; i++) {
      const ch = t.term[i]!;
      let child = node.next.get(ch);
      if (!child) {
        child = new TrieNode();
        node.next.set(ch, child);
      }
      node = child;
    }
    node.term = t;
  }
}

/**
 * A hit inside a longer hit of the same signal adds nothing (癌 in 肺癌); negation inside any word is no
 * negation (没 in 没水); a benefit's name is a name, not an event (残疾 in 残疾人两项补贴), and so is a
 * person's (口子 in 那口子).
 */
function dropContained(hits: TermHit[]): TermHit[] {
  return hits.filter(
    (h) =>
      !hits.some(
        (o) =>
          o !== h &&
          o.start <= h.start &&
          o.end >= h.end &&
          o.end - o.start > h.end - h.start &&
          (o.signal === h.signal ||
            h.signal === 'negation' ||
            h.signal === 'question' ||
            h.signal === 'dwelling' ||
            (o.signal === 'benefit' && !BENEFIT_WORDS.has(h.signal)) ||
            (PERSON_WORDS.has(o.signal) && DAMAGE_WORDS.has(h.signal))),
      ),
  );
}
const BENEFIT_WORDS = new Set<Signal>(['benefit', 'benefit_gap', 'benefit_received']);
// 口子 in 那口子, 两口子 is a spouse, not a crack in the wall
const PERSON_WORDS = new Set<Signal>(['earner', 'elderly', 'child']);
const DAMAGE_WORDS = new Set<Signal>(['damage', 'damage_severe']);
