/**
 * Spaces between words, not between clauses. Some writers put a space after every word or even every
 * character (我 老 汉 住 院 了, 老汉 住院了 花了 三万, 在 县医院 住院 心衰 住了 十二 天); read as clause
 * breaks, the way voice-to-text's spaces are, each word became a clause of its own and 没 有 去学校
 * lost its negation, 去年 its reach and 我 老公 its person. A run of short tokens (between punctuation) is
 * one written sentence: its words are joined, and a clause starts again only where a writer would have
 * put a comma: before a time or a turn (去年, 现在, 但是) and after a final particle (吗, 呢, 吧).
 * Phrases separated by spaces (前半夜着火了 俺家三间房烧了两间 人没事) keep their breaks.
 */
export function joinSpacedWords(text: string): string {
  return text.replace(SEGMENT, (segment) => {
    const tokens = segment.trim().split(/\s+/).filter(Boolean);
    return isWordSpaced(tokens) ? joinTokens(tokens) : segment;
  });
}

// a stretch between punctuation marks (spaces are what is decided here)
const SEGMENT = /(?:[^，,、;；:：。.!！?？~～…\n]|(?<=\d)\.(?=\d))+/g;

/** At least three tokens, short on average (two characters and a bit), or many of them a single character. */
function isWordSpaced(tokens: string[]): boolean {
  if (tokens.length < 3) return false;
  const chars = tokens.reduce((n, t) => n + [...t].length, 0);
  const single = tokens.filter((t) => [...t].length === 1).length;
  return chars / tokens.length <= MEAN_WORD || (single / tokens.length >= 0.3 && chars / tokens.length <= 3);
}
// the corpus's word-by-word writers average 1.2–2.4 characters a token; a department's spaced fields
// (医保局 李某某 住院 自付 1.2万元 脱贫户) and voice input's phrases 2.7 and more
const MEAN_WORD = 2.4;

function joinTokens(tokens: string[]): string {
  let out = '';
  let clause = 0;
  for (const [i, t] of tokens.entries()) {
    // a token that opens a clause, once something stands before it in this one
    if (i > 0 && clause >= 2 && OPENS_CLAUSE.test(t)) {
      out += '，';
      clause = 0;
    }
    out += t;
    clause += t.length;
    if (i < tokens.length - 1 && ENDS_CLAUSE.test(t)) {
      out += '，';
      clause = 0;
    }
  }
  return out;
}
const OPENS_CLAUSE =
  /^(去年|前年|今年|昨天|昨晚|前天|今天|今早|上个?月|这个月|上个?(礼拜|星期)|上周|现在|后来|目前|如今|最近|刚才|以前|原来|当时|那年|前几年|前(两|几)天|但是|可是|不过|谢谢|你好|请问)/;
const ENDS_CLAUSE = /(吗|呢|吧|嘛)$|^么$/;
