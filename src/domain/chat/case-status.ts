import { STATE_LABEL, type CaseState } from '../cases/case-lifecycle.js';
import { formatLocal, formatLocalDate } from '../local-time.js';
import { ROLE_LABEL, type CadreRole } from '../types.js';

/** What a villager may learn about a case they reported: no phones, no other people's details. */
export interface VillagerCaseView {
  number: string;
  state: CaseState;
  closed: boolean;
  /** The cadre holding the open task, if any. */
  holderRole: CadreRole | null;
  holderName: string | null;
  ackDueAt: Date | null;
  verifyDueAt: Date | null;
  decideDueAt: Date | null;
  reviewDueAt: Date | null;
  /** The household's next planned visit (while it is being helped). */
  nextVisitDueAt: Date | null;
}

const COMPOUND_SURNAMES = ['欧阳', '司马', '诸葛', '上官', '东方', '皇甫', '尉迟', '公孙', '慕容', '长孙', '宇文'];

/** "王" of 王永华: a villager is told who holds the case by role and surname only. */
export function surname(name: string): string {
  return COMPOUND_SURNAMES.find((s) => name.startsWith(s)) ?? [...name][0] ?? '';
}

/** The next step of a case in the villager's words, with its date when there is one. */
function nextStep(v: VillagerCaseView, timeZone: string): string | null {
  const by = (what: string, at: Date | null) => (at ? `${what}，${formatLocal(at, timeZone)} 前` : what);
  switch (v.state) {
    case 'reported':
      return '正在安排负责干部';
    case 'assigned':
      return by('干部签收后与您联系', v.ackDueAt);
    case 'acknowledged':
      return by('干部上门核实情况', v.verifyDueAt);
    case 'verified':
      return by('研究认定是否纳入监测', v.decideDueAt);
    case 'included':
    case 'assisting':
      return v.nextVisitDueAt
        ? `干部和您一起落实帮扶措施，下次走访约在 ${formatLocalDate(v.nextVisitDueAt, timeZone)}`
        : '干部和您一起落实帮扶措施';
    case 'risk_removed':
      return by('干部回访（回头看）', v.reviewDueAt);
    default:
      return null;
  }
}

/** One case, one line: number, state, who holds it, next step and date. */
export function caseStatusLine(v: VillagerCaseView, timeZone: string): string {
  const state = v.closed ? `已办结（${STATE_LABEL[v.state]}）` : STATE_LABEL[v.state];
  const holder =
    !v.closed && v.holderRole && v.holderName
      ? `，由${ROLE_LABEL[v.holderRole]}${surname(v.holderName)}${v.holderRole === 'county' ? '同志' : '干部'}负责`
      : '';
  const next = v.closed ? null : nextStep(v, timeZone);
  return `编号 ${v.number}：${state}${holder}。${next ? `下一步：${next}。` : ''}`;
}

/** The answer to "办得怎么样了": each open case (or the latest closed one), newest first. */
export function caseStatusText(cases: readonly VillagerCaseView[], timeZone: string): string {
  if (cases.length === 0) return '没有查到您反映过的事项。请告诉我们遇到了什么困难，我们会安排干部联系您。';
  const lines = cases.map((c) => caseStatusLine(c, timeZone));
  const tail = cases.every((c) => c.closed) ? '\n如有新的困难，请直接告诉我们。' : '';
  return lines.length === 1 ? lines[0]! + tail : ['您反映的事项：', ...lines].join('\n') + tail;
}
