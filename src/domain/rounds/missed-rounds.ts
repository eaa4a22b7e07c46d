import { formatLocalDate } from '../local-time.js';
import type { RoundKind } from './round-periods.js';

/** A round whose deadline passed without an answer (answered later, or not at all). */
export interface MissedRound {
  kind: RoundKind;
  placeName: string;
  periodStart: Date;
  periodEnd: Date;
  deadline: Date;
  answeredAt: Date | null;
}

/** The bulletin's lines naming the rounds missed in its week: villages for 排查, the township for 核实. */
export function missedRoundLines(missed: readonly MissedRound[], timeZone: string): string[] {
  const one = (m: MissedRound) => {
    const period = `${formatLocalDate(m.periodStart, timeZone)}至${formatLocalDate(new Date(m.periodEnd.getTime() - 1), timeZone)}`;
    const late = m.answeredAt ? `${formatLocalDate(m.answeredAt, timeZone)}补答` : '未答复';
    return `${m.placeName}（${period}，${late}）`;
  };
  const villages = missed.filter((m) => m.kind === 'village');
  const townships = missed.filter((m) => m.kind === 'township');
  return [
    ...(villages.length ? ['', `**未按时排查 ${villages.length} 村次**：${villages.map(one).join('、')}`] : []),
    ...(townships.length ? ['', `**未按时半月核实 ${townships.length} 次**：${townships.map(one).join('、')}`] : []),
  ];
}
