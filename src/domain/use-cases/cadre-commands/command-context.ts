import type { Command } from '../../cadre/command.js';
import type { CadreDeps, CadreOutcome, CadreRef, CadreStore, CaseRow, OpenTask } from '../../ports/cadre.js';

/** What every command handler gets: the ports, the open transaction, who asked and when. */
export interface CommandContext {
  deps: CadreDeps;
  store: CadreStore;
  actor: CadreRef;
  now: Date;
}

/** A case command's context once the case is found and the actor may act on it. */
export interface CaseContext extends CommandContext {
  c: CaseRow;
  task: OpenTask | null;
}

/** The commands that name a case (编号). */
export type CaseCommand = Extract<Command, { number: string }>;

/** One command family's handler: the parsed command in, what to send out. */
export type CommandHandler<C extends Command> = (ctx: CommandContext, cmd: C) => Promise<CadreOutcome>;

/** A text answer and nothing else, unless `extra` says so. */
export const answer = (reply: string | null, extra: Partial<CadreOutcome> = {}): CadreOutcome => ({
  changed: false,
  reply,
  refreshTask: null,
  newTasks: [],
  notices: [],
  villagers: [],
  ...extra,
});
