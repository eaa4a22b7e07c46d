import type { CadreDeps, CadreOutcome } from '../ports/cadre.js';
import { batchButtonCommand, buttonCommand } from '../cadre/button-command.js';
import { batchIdOfCard } from '../cadre/batch-card.js';
import { runCadreCommand } from './run-cadre-command.js';
import { taskIdOfCard } from '../cadre/task-card.js';
import { pressProcedureButton } from './press-procedure-button.js';
import { pressVisitButton } from './press-visit-button.js';
import { pressRoundButton } from './press-round-button.js';
import { pressDutyButton } from './press-duty-button.js';

const nothing: CadreOutcome = {
  changed: false,
  reply: null,
  refreshTask: null,
  newTasks: [],
  notices: [],
  villagers: [],
};

/**
 * A card button press: the same command as its text form. The pressed card is always redrawn (its
 * response code is single-use), so a repeated press shows the current state and changes nothing. A
 * summary card's buttons (批量签收, 查看全部) run the batch commands.
 */
export async function pressTaskButton(
  deps: CadreDeps,
  userid: string,
  cardTaskId: string,
  key: string,
  now: Date,
): Promise<CadreOutcome> {
  const batchId = batchIdOfCard(cardTaskId);
  if (batchId !== null) {
    const command = batchButtonCommand(key, batchId);
    const out = command ? await runCadreCommand(deps, userid, command, now) : nothing;
    // 批量签收 says what it did; a redrawn card alone would not say how many.
    return { ...out, refreshBatch: batchId };
  }
  const visit = await pressVisitButton(deps, userid, cardTaskId, key, now);
  if (visit) return visit;
  const round = await pressRoundButton(deps, userid, cardTaskId, key, now);
  if (round) return round;
  const duty = await pressDutyButton(deps, userid, cardTaskId, key, now);
  if (duty) return duty;
  const procedure = await pressProcedureButton(deps, userid, cardTaskId, key, now);
  if (procedure) return procedure;
  const taskId = taskIdOfCard(cardTaskId);
  const task = taskId === null ? null : await deps.transaction((s) => s.caseOfTask(taskId));
  if (taskId === null || !task) return { ...nothing, reply: '这张卡片对应的任务已不存在，请发送「我的任务」查看。' };
  const command = buttonCommand(key, task.number);
  const out = command ? await runCadreCommand(deps, userid, command, now) : nothing;
  return { ...out, reply: out.changed ? null : out.reply, refreshTask: taskId };
}
