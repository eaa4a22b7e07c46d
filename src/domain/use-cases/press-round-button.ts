import { ROUND_CLEAR_KEY, ROUND_LIST_KEY, roundOfCard } from '../rounds/round-card.js';
import type { CadreDeps, CadreOutcome } from '../ports/cadre.js';
import { answer } from './cadre-commands/command-context.js';
import { runCadreCommand } from './run-cadre-command.js';

/**
 * A press on a screening round's card: 无新增风险 answers that round, 查看清单 lists it (the same commands
 * as their text forms). Null when the card is not a round's.
 */
export async function pressRoundButton(
  deps: CadreDeps,
  userid: string,
  cardTaskId: string,
  key: string,
  now: Date,
): Promise<CadreOutcome | null> {
  const roundId = roundOfCard(cardTaskId);
  if (roundId === null) return null;
  if (key === ROUND_CLEAR_KEY) return runCadreCommand(deps, userid, { kind: 'round_clear', roundId }, now);
  if (key === ROUND_LIST_KEY) return runCadreCommand(deps, userid, { kind: 'round_list', roundId }, now);
  return answer('这个按钮已失效。无新增风险请回复「排查 无新增风险」，发现风险请回复「排查 户号 情况」。');
}
