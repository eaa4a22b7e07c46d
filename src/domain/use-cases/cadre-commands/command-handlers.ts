import type { Command } from '../../cadre/command.js';
import { MONITORING_LABEL } from '../../types.js';
import { linkCase } from '../link-case.js';
import { linkByTarget, reassignCase } from '../relink-case.js';
import { onCase } from './case-access.js';
import { caseStep } from './case-step.js';
import { answer, type CommandHandler } from './command-context.js';
import { mergeCase } from './merge-case.js';
import { myTasks } from './my-tasks.js';
import { assistTyped, checkMeasureEffect, listMeasures, setMeasureStatus } from './plan-measures.js';
import { recordVisit } from './record-visit.js';
import { requestHelp } from './request-help.js';
import { transferTask } from './transfer-task.js';

/** Every command a registered cadre can run, by kind (帮助 is answered before anyone is looked up). */
export type CommandHandlers = {
  [K in Exclude<Command['kind'], 'help'>]: CommandHandler<Extract<Command, { kind: K }>>;
};

/**
 * The dispatcher's table. A new command is one line here (plus its kind in Command and its rule in
 * the parser); `onCase` finds the case and checks the actor may act on it before the handler runs.
 */
export const COMMAND_HANDLERS: CommandHandlers = {
  my_tasks: (ctx) => myTasks(ctx),
  visit: recordVisit,
  acknowledge: onCase((x) => caseStep(x, 'acknowledge', '')),
  verify: onCase((x, cmd) => caseStep(x, 'verify', cmd.note, { income: cmd.income })),
  include: onCase((x, cmd) =>
    // 纳入监测 is a decision about a household: without one there is nothing to monitor.
    x.c.householdId
      ? caseStep(x, 'include', MONITORING_LABEL[cmd.monitoringKind], { monitoringKind: cmd.monitoringKind })
      : Promise.resolve(
          answer(`编号 ${x.c.number} 还没有关联农户，不能纳入监测。请先发送「关联 ${x.c.number} 户号或户主姓名」。`),
        ),
  ),
  exclude: onCase((x, cmd) => caseStep(x, 'exclude', cmd.reason)),
  assist: onCase((x, cmd) => caseStep(x, 'assist', cmd.measure)),
  assist_typed: onCase(assistTyped),
  measures: onCase((x) => listMeasures(x)),
  measure_status: onCase(setMeasureStatus),
  measure_effect: onCase(checkMeasureEffect),
  remove_risk: onCase((x) => caseStep(x, 'remove_risk', '')),
  review: onCase((x, cmd) => caseStep(x, 'review', cmd.note)),
  request_help: onCase((x, cmd) => requestHelp(x, cmd.note)),
  transfer: onCase((x, cmd) => transferTask(x, cmd.to)),
  merge: onCase((x, cmd) => mergeCase(x, cmd.into)),
  link: onCase((x, cmd) => linkCase(x, x.c, x.task, cmd.householdId, cmd.via)),
  link_to: onCase((x, cmd) =>
    linkByTarget(
      { ...x, find: (target) => x.store.householdsInCharge(x.actor.userid, target) },
      x.c,
      x.task,
      cmd.target,
      'command',
    ),
  ),
  reassign: onCase((x, cmd) => reassignCase(x, x.c, x.task, cmd.to, 'command')),
};
