import { DUTY_LABEL } from '../pair-duty/pair-duty-policy.js';
import { dutyOfButton, householdOfDutyCard } from '../pair-duty/duty-card.js';
import type { CadreDeps, CadreOutcome } from '../ports/cadre.js';
import { answer } from './cadre-commands/command-context.js';
import { runCadreCommand } from './run-cadre-command.js';

/**
 * A press on a household's 8个一 card: the duty is recorded as by its text form (who may record is checked
 * there); the pressed button is greyed out. Null when the card is not an 8个一 card.
 */
export async function pressDutyButton(
  deps: CadreDeps,
  userid: string,
  cardTaskId: string,
  key: string,
  now: Date,
): Promise<CadreOutcome | null> {
  const household = householdOfDutyCard(cardTaskId);
  if (household === null) return null;
  const duty = dutyOfButton(key);
  if (!duty) return answer('这个按钮已失效。记录「8个一」请回复：8个一 户号 事项。');
  const out = await runCadreCommand(deps, userid, { kind: 'pair_duty', household, duty, note: '', via: 'card' }, now);
  return { ...out, replaceCard: `已记录${DUTY_LABEL[duty]}` };
}
