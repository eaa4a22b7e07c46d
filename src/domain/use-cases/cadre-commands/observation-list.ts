import { observationListText } from '../../schedule/observation-list.js';
import type { CadreOutcome } from '../../ports/cadre.js';
import { answer, type CommandContext } from './command-context.js';

/** 观察名单: the households in the cadre's charge between the lines, the longest unvisited first. */
export async function observationList({ store, actor, deps, now }: CommandContext): Promise<CadreOutcome> {
  const { lines, observation } = deps.policy;
  const list = await store.observedHouseholds(actor.userid, lines, 30);
  return answer(observationListText(list, lines, observation.visitEveryDays, deps.timeZone, now));
}
