import type { Signal } from '../lexicon.js';
import { datedByMonth, feared, pastClauses, toldAsBefore } from './past-scope.js';
import type { TermHit } from './term-matcher.js';

/** A term as read in its clause: denied (没有住院), over (已经出院了, 还过得去), in the past (去年), or asked about. */
export interface ScopedHit extends TermHit {
  clause: number;
  negated: boolean;
  resolved: boolean;
  past: boolean;
  asked: boolean;
}

/** Signals that report something happening to a household (as opposed to people, places and discourse). */
export const EVENT_SIGNALS = new Set<Signal>([
  'illness_serious',
  'illness_acute',
  'treatment_serious',
  'illness_chronic',
  'illness_general',
  'hospital_inpatient',
  'accident',
  'injury_serious',
  'severity',
  'death',
  'disaster',
  'fire',
  'damage_severe',
  'damage',
  'water_problem',
  'job_loss',
  'wage_arrears',
  'crop_loss',
  'livestock_loss',
  'unable_to_work',
  'income_report',
  'dropout',
  'debt',
  'cannot_pay',
  'benefit_gap',
]);
const RESOLVABLE = new Set<Signal>(
  [...EVENT_SIGNALS].filter(
    (s) =>
      !['debt', 'cannot_pay', 'benefit_gap', 'job_loss', 'wage_arrears', 'crop_loss', 'livestock_loss'].includes(s),
  ),
);
const HEALING = /出院|好了|好些|康复|痊愈|回家了|没事了|能走了/;
const MEDICAL = new Set<Signal>([
  'illness_general',
  'hospital_inpatient',
  'illness_serious',
  'illness_acute',
  'illness_chronic',
  'accident',
  'injury_serious',
]);
const QUESTION_OPENER = /^[^，]{0,6}(请问|想问|问一下|问下|问问|咨询|打听)/;
const OWN_HOUSEHOLD =
  /(我|俺|额|阮|咱)(们)?(家|屋|的|爹|妈|爸|娘|老|儿|女|孙|婆|公|男人|媳妇|那口子|哥|姐|弟|妹|爷|奶)|我是|我们是|俺是|本人/;
const CONFIRM = /^(是真的不|是真的吗|是不是真的|真的吗|真的假的|对不对|是吗|对吗)？?$/;
const ASKS_FOR_ANOTHER = /帮.{0,5}问|替.{0,5}问/;
const PEOPLE_SAFE = /^(人没事|人没得事|人没得啥子事|没伤到人|没伤着人|人都没事|人都没得事)/;
// 房子没事, 住的房子没得事 after a fire on the shed: the one thing named was spared, the fire still happened
const SPARED_BEFORE = /(人|房子|房屋|住房|主房|屋子|窑|家里|屋里)都?$/;
const HARM_TO_THINGS = new Set<Signal>(['fire', 'disaster', 'damage', 'damage_severe', 'water_problem']);
const FEARED_SIGNALS = new Set<Signal>(['disaster', 'fire']);
const MARKERS = new Set<Signal>(['negation', 'resolved', 'past', 'question']);
// A turn in the message starts a new clause: what came before 但是/现在 is not what comes after.
const TURN = /^(?:但是|但|不过|可是|现在|后来|目前|如今)/;
const TURN_FIRST = new Set([...'但不可现后目如']);

/** Clause boundaries [start, end) of a normalised text. */
export function clausesOf(text: string): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  let start = 0;
  const cut = (end: number) => {
    if (end > start) out.push([start, end]);
    start = end;
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '，' || c === '！' || c === '？') {
      cut(i + 1);
    } else if (i > start && TURN_FIRST.has(c) && TURN.test(text.slice(i, i + 2))) cut(i);
  }
  cut(text.length);
  return out;
}

/** Reads every event and object term in its scope. Marker terms (negation, 已经好了, 去年, 请问) are consumed here. */
export function scopeHits(text: string, hits: TermHit[]): { scoped: ScopedHit[]; questionClauses: Set<number> } {
  const clauses = clausesOf(text);
  const clauseOf = (pos: number) =>
    Math.max(
      0,
      clauses.findIndex(([s, e]) => pos >= s && pos < e),
    );
  const marks = hits.filter((h) => MARKERS.has(h.signal)).map((h) => ({ ...h, clause: clauseOf(h.start) }));
  const questionClauses = new Set<number>();
  for (const m of marks)
    if (m.signal === 'question' && isQuestionCue(text, m, clauses[m.clause]!)) questionClauses.add(m.clause);
  for (const [i, [, e]] of clauses.entries()) if (text[e - 1] === '？') questionClauses.add(i);
  // 我想问下，一般户得了大病，自己出好多钱才能纳入: a message that opens by asking and tells nothing of
  // the writer's own household (俺爹刚做完搭桥 is told) nor asks for another (帮我同学问下) asks throughout
  // 听讲今年透析报销比例提高了，是真的不: a message that ends by asking whether what it told is true asks it
  const [lastStart, lastEnd] = clauses[clauses.length - 1] ?? [0, 0];
  const confirms = clauses.length > 1 && CONFIRM.test(text.slice(lastStart, lastEnd));
  if ((QUESTION_OPENER.test(text) || confirms) && !OWN_HOUSEHOLD.test(text) && !ASKS_FOR_ANOTHER.test(text))
    for (const i of clauses.keys()) questionClauses.add(i);
  const pastIn = pastClauses(
    text,
    clauses,
    marks.filter((m) => m.signal === 'past'),
  );
  const scoped = hits
    .filter((h) => !MARKERS.has(h.signal))
    .map((h) => {
      const clause = clauseOf(h.start);
      const negated =
        marks.some((m) => m.signal === 'negation' && m.clause === clause && m.end <= h.start && h.start - m.end <= 4) ||
        (FEARED_SIGNALS.has(h.signal) && feared(text, clauses[clause]![0], h));
      // what is over stays over for the rest of the message, but money spent or owed is not undone
      // 出院了 and 好了 end an illness however far back it was told; other cues reach two clauses
      const resolved =
        RESOLVABLE.has(h.signal) &&
        marks.some(
          (m) =>
            m.signal === 'resolved' &&
            m.start >= h.end &&
            realResolution(text, m) &&
            // 人没事 after a fire or a flood: nobody was hurt, the house is still burnt
            !(
              HARM_TO_THINGS.has(h.signal) &&
              (PEOPLE_SAFE.test(m.term) || SPARED_BEFORE.test(text.slice(clauses[m.clause]![0], m.start)))
            ) &&
            (m.clause - clause <= 2 || (HEALING.test(m.term) && MEDICAL.has(h.signal))),
        );
      const past =
        pastIn.has(clause) ||
        (h.signal === 'death' && (toldAsBefore(text, h) || datedByMonth(text, clauses[clause]![0], h)));
      return { ...h, clause, negated, resolved, past, asked: questionClauses.has(clause) };
    });
  return { scoped, questionClauses };
}

// 吗/么/呢 ask only at the end of a clause; 说好了 promises, it resolves nothing.
function isQuestionCue(text: string, m: TermHit, [, end]: [number, number]): boolean {
  if (m.term.length > 1) return true;
  // 化疗着呢, 忙着呢: a northern speaker's statement, no question
  if (m.term === '呢' && text[m.start - 1] === '着') return false;
  const rest = text.slice(m.end, end).replace(/[，？！]/g, '');
  return rest.length === 0;
}
function realResolution(text: string, m: TermHit): boolean {
  if (m.term === '好了' || m.term === '发了' || m.term === '报了') return !/[说讲定弄搞]$/.test(text.slice(0, m.start));
  return true;
}
