import type { MeasureEffect, MeasureStatus } from '../assistance/measure.js';
import type { RemovalMode } from '../procedure/exit-conditions.js';
import type { MonitoringKind } from '../types.js';
import type { PairDuty } from '../pair-duty/pair-duty-policy.js';
import type { MeasureForm } from './measure-form.js';
import type { ProcedureCommand } from './procedure-command.js';
import type { RoundCommand } from './round-command.js';

/** What a cadre asked for, by text or by a card button. */
export type Command =
  | { kind: 'my_tasks' }
  /** 观察名单: households in the cadre's charge between the monitoring and observation lines. */
  | { kind: 'observation_list' }
  /** 帮助, or 帮助 签收: the usage of the commands named by `topic`. */
  | { kind: 'help'; topic?: string }
  | { kind: 'acknowledge'; number: string }
  | { kind: 'verify'; number: string; note: string; income: number | null }
  /** 拟纳入 (the procedure decides); `override` explains a category the income does not fit. */
  | { kind: 'include'; number: string; monitoringKind: MonitoringKind; override: string | null }
  | { kind: 'exclude'; number: string; reason: string }
  | { kind: 'assist'; number: string; measure: string }
  /** 帮扶 with a measure type: one typed measure of 一户一策. */
  | { kind: 'assist_typed'; number: string; form: MeasureForm }
  /** 措施 编号: the household's plan and the suggested measures. */
  | { kind: 'measures'; number: string }
  | { kind: 'measure_status'; number: string; index: number; status: MeasureStatus; note: string }
  /** 成效: what 回头看 found a measure did. */
  | { kind: 'measure_effect'; number: string; index: number; effect: MeasureEffect; note: string }
  /** 申请风险消除 (the procedure decides), with its 风险消除方式. */
  | { kind: 'remove_risk'; number: string; mode: RemovalMode }
  | { kind: 'review'; number: string; note: string }
  | { kind: 'request_help'; number: string; note: string }
  | { kind: 'transfer'; number: string; to: string }
  /** 关联 by text: a household id or a head's name (or 都不是). */
  | { kind: 'link_to'; number: string; target: string }
  /** 改派: the chain in charge gives the case's task to a colleague. */
  | { kind: 'reassign'; number: string; to: string }
  | { kind: 'merge'; number: string; into: string }
  /** 关联: the case is about this household (an id), or null for 都不是. */
  | { kind: 'link'; number: string; householdId: string | null; via: 'button' | 'command' | 'console' }
  /** 批量签收: every task of a summary card still waiting for 签收 (batchId null: the cadre's newest summary). */
  | { kind: 'acknowledge_batch'; batchId: number | null }
  /** 查看全部: a summary's whole list, numbered; the numbers then work in commands. */
  | { kind: 'batch_list'; batchId: number | null }
  | { kind: 'visit'; visitKind: 'visit' | 'call'; household: string; note: string; income: number | null }
  /** 上报 (干部排查): a risk the cadre found opens a report through triage; `visitId` when pressed on a visit reply. */
  | { kind: 'report'; household: string; note: string; visitId: number | null }
  /** 8个一: one of the pair-helper's duties done for a household (电话 and 走访 are recorded as contacts). */
  | { kind: 'pair_duty'; household: string; duty: PairDuty; note: string; via: 'text' | 'card' }
  /** 8个一 户号: where the household's duties stand this period; 8个一 alone: the cadre's households with duties due. */
  | { kind: 'pair_duties'; household: string | null }
  /** 排查 (集中排查): one household's result, as typed ("无", or what was found). */
  | { kind: 'screening'; household: string; answer: string }
  /** 排查 alone: the cadre's households not screened yet. */
  | { kind: 'screening_list' }
  | ProcedureCommand
  | RoundCommand;

export type ParsedCommand = Command | { kind: 'invalid'; usage: string } | { kind: 'unknown' };
