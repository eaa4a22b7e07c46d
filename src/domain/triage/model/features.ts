import type { DeptKind } from '../../policy.js';
import type { HouseholdStatus } from '../../types.js';
import { selfPaidOf } from '../parse-amount.js';
import type { Reading } from '../read-report.js';
import type { RuleVerdict } from '../rule-verdict.js';
import type { Screening } from '../screen-department-row.js';
import { EARNER_DEATH_SAID } from './triage-model.js';

export interface FeatureInput {
  reading: Reading;
  rules: RuleVerdict;
  kind?: DeptKind;
  householdStatus?: HouseholdStatus | null;
  screening?: Screening | null;
  ages: number[];
}

/** Signals that say how a thing was said, not what happened: no use in a pair. */
const PAIRLESS = new Set<string>(['dialect', 'plain_word', 'cost_words', 'question', 'negation', 'resolved', 'past']);

/**
 * The model's view of a report: character 1–3-grams of the normalised text (robust to typos the
 * lexicon misses), every lexicon signal with its scope, the rules' verdicts, amounts against the
 * lines, the household's status and, for department rows, the kind and the screening verdict.
 */
export function featuresOf(x: FeatureInput): string[] {
  const f = new Set<string>();
  const t = x.reading.text.replace(/[，！？]/g, '|');
  for (let n = 1; n <= 3; n++)
    for (let i = 0; i + n <= t.length; i++) {
      const g = t.slice(i, i + n);
      if (!g.includes('|')) f.add(`c:${g}`);
    }
  const standing = new Set<string>();
  for (const h of x.reading.hits) {
    const scope = h.negated ? ':neg' : h.resolved ? ':res' : h.past ? ':past' : h.asked ? ':ask' : '';
    f.add(`s:${h.signal}${scope}`);
    if (!h.negated && !h.resolved && !PAIRLESS.has(h.signal)) standing.add(h.signal);
  }
  // two signals together (a disaster and crops, an earner and a hospital): what one weight per signal cannot say
  const pairs = [...standing].sort();
  for (let i = 0; i < pairs.length; i++) for (let j = i + 1; j < pairs.length; j++) f.add(`p:${pairs[i]}+${pairs[j]}`);
  if (x.reading.questionOnly) f.add('q:only');
  if (x.reading.proxy) f.add('proxy');
  for (const type of x.rules.types) f.add(`r:${type}`);
  for (const w of x.rules.why) if (w.startsWith('绿色通道:')) f.add(`r:${w}`);
  // which rule fired, not only its type (自付≥, 灾害(庄稼牲畜), 顶梁柱): the model learns how far to trust each
  for (const w of x.rules.why) if (!w.startsWith('绿色通道:')) f.add(`r:why:${w.replace(/[(≥].*$/, '')}`);
  if (x.rules.green) f.add('r:green');
  // a working member's death told in a word that means nothing else (去世, 病逝; not 走了, 没了)
  if (x.rules.why.includes('绿色通道:劳动力死亡') && x.rules.why.some((w) => /^死亡\((?!走了|没了|不在了)/.test(w)))
    f.add(EARNER_DEATH_SAID);
  if (!x.rules.types.size) f.add('r:none');
  const paid = selfPaidOf(x.reading.amounts);
  if (paid)
    for (const line of [1000, 5000, 10000, 20000, 50000]) if (paid.yuan >= line) f.add(`amt:${paid.basis}>=${line}`);
  for (const a of x.reading.amounts) if (a.per) f.add(`amt:per_${a.per}>=${a.yuan >= 500 ? 500 : 0}`);
  f.add(`st:${x.householdStatus ?? 'unknown'}`);
  for (const age of x.ages) f.add(age < 18 ? 'age:child' : age < 60 ? 'age:working' : 'age:elderly');
  if (x.kind) f.add(`k:${x.kind}`);
  if (x.screening) f.add(`scr:${x.screening.verdict}${x.screening.measure ? `:${x.screening.measure}` : ''}`);
  f.add('len:' + Math.min(4, Math.floor(Math.log2(1 + t.length))));
  return [...f];
}
