import type { TermHit } from './term-matcher.js';

/**
 * The clauses a past marker (去年, 前年, 早就) puts in the past. Its own clause, and two more ways a
 * villager tells a time: a marker typed as a word of its own (去年 查出 白血病: the spaces made it a
 * clause alone) reaches the clause after it; a clause that only dates what came before (是去年十月的事,
 * 那是前年的事了) puts every clause before it in the past.
 */
export function pastClauses(
  text: string,
  clauses: Array<[number, number]>,
  pastMarks: Array<TermHit & { clause: number }>,
) {
  const past = new Set<number>();
  for (const m of pastMarks) {
    past.add(m.clause);
    const [s, e] = clauses[m.clause]!;
    const said = text.slice(s, e).replace(/[，！？]/g, '');
    if (said === m.term && m.clause + 1 < clauses.length) past.add(m.clause + 1);
    if (DATES_WHAT_CAME_BEFORE.test(said)) for (let c = 0; c < m.clause; c++) past.add(c);
  }
  return past;
}
const DATES_WHAT_CAME_BEFORE = /^(那|这|都|也|已经|是|的)*.{0,8}的(事|事情|事儿)(了|啦|咯|喽)?$/;

/**
 * 去世后, 走了以后: a death told as the time after which the household went on is past. Only a death:
 * 地震以后墙裂了 tells what the quake did, and the quake is as recent as that.
 */
export const toldAsBefore = (text: string, h: { end: number }) => TOLD_BEFORE.test(text.slice(h.end, h.end + 4));
const TOLD_BEFORE = /^了?(以后|之后|过后|后(?![面边头山墙来院坡沟天年半背]))/;

/**
 * 担心滑坡, 就怕泥石流: a disaster feared has not happened; nor has one a place is listed for (地质灾害隐患点,
 * 在滑坡点上, 位于滑坡体): a hazard site names a risk, not an event.
 */
export const feared = (text: string, clauseStart: number, h: { start: number; end: number }) =>
  FEAR.test(text.slice(clauseStart, h.start)) || HAZARD_SITE.test(text.slice(h.end, h.end + 4));
const FEAR = /(担心|担忧|就怕|害怕|生怕|万一)[^，]{0,4}$/;
const HAZARD_SITE = /^(隐患|点|体|易发|风险|威胁区)/;

/**
 * 今年2月车祸身亡, 户主2月因病去世: a death dated by its month (not 这个月, 上个月, nor a day, 3月12日) was told
 * months after it happened (CONVENTIONS.md F: green is a death within about the last month).
 */
export const datedByMonth = (text: string, clauseStart: number, h: { start: number }) =>
  MONTH_BEFORE.test(text.slice(clauseStart, h.start));
const MONTH_BEFORE =
  /(?<![个这本上\d])[\d一二三四五六七八九十]{1,2}月份?(?![\d一二三四五六七八九十]*[日号])[^，]{0,8}$/;
