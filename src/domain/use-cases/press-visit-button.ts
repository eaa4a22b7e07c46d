import { VISIT_REPORT_KEY, visitOfCard } from '../cadre/visit-card.js';
import type { CadreDeps, CadreOutcome } from '../ports/cadre.js';
import { answer } from './cadre-commands/command-context.js';
import { runCadreCommand } from './run-cadre-command.js';

/**
 * A press on a visit's "发现风险，要上报吗？" card: 上报 of that visit's note, the same command as its
 * text form (who may report is checked there). Null when the card is not a visit's. The card is
 * greyed out once the visit is reported.
 */
export async function pressVisitButton(
  deps: CadreDeps,
  userid: string,
  cardTaskId: string,
  key: string,
  now: Date,
): Promise<CadreOutcome | null> {
  const visitId = visitOfCard(cardTaskId);
  if (visitId === null) return null;
  const visit = await deps.transaction((s) => s.visitById(visitId));
  if (!visit || key !== VISIT_REPORT_KEY) return answer('这张卡片对应的走访记录已不存在。上报请回复：上报 户号 情况');
  return runCadreCommand(
    deps,
    userid,
    { kind: 'report', household: visit.householdId, note: visit.note, visitId },
    now,
  );
}
