import type { Command } from '../../cadre/command.js';
import { linkCase } from '../link-case.js';
import { linkByTarget, reassignCase } from '../relink-case.js';
import { onCase } from './case-access.js';
import { caseStep } from './case-step.js';
import { acknowledgeBatch, listBatch } from './batch-commands.js';
import type { CommandHandler } from './command-context.js';
import { mergeCase } from './merge-case.js';
import { myTasks } from './my-tasks.js';
import { observationList } from './observation-list.js';
import { recordPairDuty, showPairDuties } from './pair-duties.js';
import { assistTyped, checkMeasureEffect, listMeasures, reviewWithEffects, setMeasureStatus } from './plan-measures.js';
import { recordVisit } from './record-visit.js';
import { reportRisk } from './report-risk.js';
import { listScreening } from './screen-household.js';
import { roundClear, roundFound, roundList, screeningOrRound } from './screening-round.js';
import { requestHelp } from './request-help.js';
import { transferTask } from './transfer-task.js';
import { procedureAction } from './procedure-action.js';
import { proposeExit } from './propose-exit.js';
import { proposeInclusion } from './propose-inclusion.js';

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
  observation_list: (ctx) => observationList(ctx),
  visit: recordVisit,
  report: reportRisk,
  pair_duty: recordPairDuty,
  pair_duties: showPairDuties,
  // 集中排查 first, else the 周排查 / 半月核实 that covers the household.
  screening: screeningOrRound,
  screening_list: (ctx) => listScreening(ctx),
  round_clear: roundClear,
  round_found: roundFound,
  round_list: roundList,
  acknowledge_batch: acknowledgeBatch,
  batch_list: listBatch,
  acknowledge: onCase((x) => caseStep(x, 'acknowledge', '')),
  verify: onCase((x, cmd) => caseStep(x, 'verify', cmd.note, { income: cmd.income })),
  // 纳入 and 消除 are proposals: the procedure (评议, 公示, 审核, 确认) decides.
  include: onCase(proposeInclusion),
  exclude: onCase((x, cmd) => caseStep(x, 'exclude', cmd.reason)),
  assist: onCase((x, cmd) => caseStep(x, 'assist', cmd.measure)),
  assist_typed: onCase(assistTyped),
  measures: onCase((x) => listMeasures(x)),
  measure_status: onCase(setMeasureStatus),
  measure_effect: onCase(checkMeasureEffect),
  remove_risk: onCase(proposeExit),
  review: onCase(reviewWithEffects),
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
  proc_status: onCase(procedureAction),
  proc_review: onCase(procedureAction),
  proc_objection: onCase(procedureAction),
  proc_resolve: onCase(procedureAction),
  proc_pass: onCase(procedureAction),
  proc_return: onCase(procedureAction),
  proc_reject: onCase(procedureAction),
};
