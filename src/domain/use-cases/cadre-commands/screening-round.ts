import { readScreeningAnswer } from '../../campaign/campaign.js';
import type { Command } from '../../cadre/command.js';
import type { RoundCommand, RoundFinding } from '../../cadre/round-command.js';
import { formatLocal } from '../../local-time.js';
import type { CadreOutcome } from '../../ports/cadre.js';
import { maskSecrets } from '../../privacy.js';
import { periodText, roundListText, roundTitle } from '../../rounds/round-card.js';
import type { RoundView } from '../../rounds/round-view.js';
import { answer, type CommandContext } from './command-context.js';
import { householdInCharge } from './household-in-charge.js';
import { storeRiskReport } from './report-risk.js';
import { screenHousehold } from './screen-household.js';

const NONE = '您目前没有待答复的排查或核实。每周的排查清单和半月的核实清单会以卡片发给您。';
const GONE = '这张卡片对应的排查已不存在，或不是发给您的。';

/** The rounds a command is about: the pressed card's, or the cadre's open ones. */
async function roundsOf(ctx: CommandContext, roundId: number | null): Promise<RoundView[]> {
  if (roundId === null) return ctx.store.openRoundsOf(ctx.actor.userid);
  const r = await ctx.store.roundFor(ctx.actor.userid, roundId);
  return r ? [r] : [];
}

const audit = (ctx: CommandContext, r: RoundView, action: string, note: string) =>
  ctx.store.audit({
    actor: ctx.actor.userid,
    action,
    entity: 'screening_round',
    entityId: String(r.id),
    note: `${roundTitle(r)}（${periodText(r, ctx.deps.timeZone)}）：${note}`.slice(0, 500),
    at: ctx.now,
  });

/** 无新增风险: the round (or each open one) answered by this cadre now. */
export async function roundClear(
  ctx: CommandContext,
  cmd: Extract<RoundCommand, { kind: 'round_clear' }>,
): Promise<CadreOutcome> {
  const rounds = await roundsOf(ctx, cmd.roundId);
  if (!rounds.length) return answer(cmd.roundId === null ? NONE : GONE);
  const tz = ctx.deps.timeZone;
  const done = rounds.filter((r) => r.answeredAt);
  if (done.length === rounds.length) {
    const r = done[0]!;
    return answer(
      `${roundTitle(r)}（${periodText(r, tz)}）已由${r.answeredByName ?? r.answeredBy}于${formatLocal(r.answeredAt!, tz)}答复，不用再确认。`,
      { replaceCard: '已答复' },
    );
  }
  const open = rounds.filter((r) => !r.answeredAt);
  for (const r of open) {
    await ctx.store.answerRound(r.id, { by: ctx.actor.userid, at: ctx.now, outcome: 'clear', findings: 0 });
    await audit(ctx, r, 'round-clear', '无新增风险');
  }
  const late = open.some((r) => r.deadline <= ctx.now) ? '已过答复时限，本次会在通报中记为未按时完成。' : '';
  return answer(
    `已确认 ${open.map((r) => `${roundTitle(r)}（${periodText(r, tz)}）`).join('、')} 无新增风险，谢谢您。${late}`,
    { changed: true, replaceCard: '已确认无新增风险' },
  );
}

/**
 * 排查 户号 情况: a 集中排查 item of the household waiting for this cadre takes it (screenHousehold);
 * else the round covering the household does. Several at once are one a line.
 */
export async function screeningOrRound(
  ctx: CommandContext,
  cmd: Extract<Command, { kind: 'screening' }>,
): Promise<CadreOutcome> {
  return roundFound(ctx, {
    kind: 'round_found',
    roundId: null,
    findings: [{ household: cmd.household, note: cmd.answer }],
  });
}

/** Each finding a report through triage, the round answered; campaign items go to 集中排查. */
export async function roundFound(
  ctx: CommandContext,
  cmd: Extract<RoundCommand, { kind: 'round_found' }>,
): Promise<CadreOutcome> {
  const lines: string[] = [];
  const reports: number[] = [];
  const fromRounds: number[] = [];
  let changed = false;
  for (const f of cmd.findings) {
    if ((await ctx.store.screeningItemsOf(ctx.actor.userid, f.household)).length) {
      const out = await screenHousehold(ctx, { kind: 'screening', household: f.household, answer: f.note });
      if (out.reply) lines.push(out.reply);
      reports.push(...(out.reports ?? []));
      changed ||= out.changed;
    } else lines.push(await roundFinding(ctx, cmd.roundId, f, fromRounds));
  }
  const tail = fromRounds.length ? ['来源：干部排查。系统会分派给负责的干部，任务卡片随后发出。'] : [];
  return answer([...lines, ...tail].join('\n'), {
    changed: changed || fromRounds.length > 0,
    reports: [...reports, ...fromRounds],
  });
}

/** One finding of a round: the answer's line; a report stored is added to `reports`. */
async function roundFinding(
  ctx: CommandContext,
  roundId: number | null,
  f: RoundFinding,
  reports: number[],
): Promise<string> {
  const found = await householdInCharge(ctx, f.household);
  if ('refusal' in found) return found.refusal;
  const { h } = found;
  const r =
    roundId === null
      ? await ctx.store.roundCovering(ctx.actor.userid, h.id, ctx.now)
      : await ctx.store.roundFor(ctx.actor.userid, roundId);
  // Neither a round nor a campaign: 集中排查's answer says so and points to 上报.
  if (!r) return (await screenHousehold(ctx, { kind: 'screening', household: h.id, answer: f.note })).reply ?? '';
  if (readScreeningAnswer(f.note).result === 'none')
    return `${h.headName}户没有发现风险，不用上报。整张清单都没有新增风险时，请回复「排查 无新增风险」。`;
  const stored = await storeRiskReport(ctx, h, f.note, `round-${r.id}-${h.id}`);
  if (!stored) return `${h.headName}户在${roundTitle(r)}中已经上报过了，发送「我的任务」查看进展。`;
  await ctx.store.answerRound(r.id, { by: ctx.actor.userid, at: ctx.now, outcome: 'found', findings: 1 });
  await audit(ctx, r, 'round-finding', `${h.id} inbox ${stored.inboxId}: ${maskSecrets(f.note)}`);
  reports.push(stored.inboxId);
  return `已上报 ${h.headName}户（${h.villageName}）${stored.types ? `：${stored.types}` : ''}（${roundTitle(r)}）`;
}

/** 查看清单 / 本周清单: the round's whole list (each open round's, one message each). */
export async function roundList(
  ctx: CommandContext,
  cmd: Extract<RoundCommand, { kind: 'round_list' }>,
): Promise<CadreOutcome> {
  const rounds = await roundsOf(ctx, cmd.roundId);
  if (!rounds.length) return answer(cmd.roundId === null ? NONE : GONE);
  const [first, ...rest] = rounds.map((r) => roundListText(r, ctx.deps.timeZone));
  return answer(first!, { notices: rest.map((content) => ({ touser: ctx.actor.userid, content })) });
}
