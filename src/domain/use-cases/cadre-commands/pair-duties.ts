import type { Command } from '../../cadre/command.js';
import { incomeEstimate } from '../../cadre/parse-command.js';
import { formatLocal, formatLocalDate } from '../../local-time.js';
import { dutyInstanceAt } from '../../pair-duty/duty-period.js';
import { doneBy, recordsSince } from '../../pair-duty/duty-status.js';
import { dutyLines, householdDutiesText, openDuties, owedDutiesText, periodLabel } from '../../pair-duty/duty-text.js';
import { DUTY_LABEL, type PairHelperPolicy } from '../../pair-duty/pair-duty-policy.js';
import type { CadreOutcome, HouseholdRef } from '../../ports/cadre.js';
import { maskSecrets } from '../../privacy.js';
import { answer, type CommandContext } from './command-context.js';
import { householdInCharge } from './household-in-charge.js';
import { recordVisit } from './record-visit.js';
import { dutyCard, dutyCardId } from '../../pair-duty/duty-card.js';

const owes = (policy: PairHelperPolicy, h: HouseholdRef) => (policy.households as string[]).includes(h.status);
const notOwed = (h: HouseholdRef) =>
  `${h.headName}户（${h.villageName}）不是脱贫户或监测户，不在帮扶责任人「8个一」的范围内。`;

/**
 * 8个一 户号 事项: a duty done for a household in the cadre's charge, once per period (audited). A call or a
 * visit is recorded as that contact (it moves the visit schedule and counts as the duty), never twice.
 */
export async function recordPairDuty(
  ctx: CommandContext,
  cmd: Extract<Command, { kind: 'pair_duty' }>,
): Promise<CadreOutcome> {
  const { store, actor, now, deps } = ctx;
  const policy = deps.policy.pairHelper;
  const found = await householdInCharge(ctx, cmd.household);
  if ('refusal' in found) return answer(found.refusal);
  const { h } = found;
  if (!owes(policy, h)) return answer(notOwed(h));
  const { duty } = cmd;
  if ((duty === 'call' || duty === 'visit') && policy.duties[duty].countsFrom.includes(duty))
    return recordVisit(ctx, {
      kind: 'visit',
      visitKind: duty,
      household: h.id,
      note: cmd.note || `（8个一：${DUTY_LABEL[duty]}）`,
      income: incomeEstimate(cmd.note),
    });
  const i = dutyInstanceAt(duty, policy, now, deps.timeZone);
  const label = `「${DUTY_LABEL[duty]}」（${periodLabel(i.period)}）`;
  if (now < i.opensAt)
    return answer(`${label}从 ${formatLocalDate(i.opensAt, deps.timeZone)} 起才能记录，请到时再记。`);
  const note = maskSecrets(cmd.note).slice(0, 500);
  const fresh = await store.pairDuties.insertDutyRecord({
    householdId: h.id,
    duty,
    period: i.period,
    cadre: actor.userid,
    at: now,
    via: cmd.via,
    note,
  });
  const records = await store.pairDuties.dutyRecords(h.id, recordsSince(policy, now, deps.timeZone));
  if (!fresh) {
    const earlier = doneBy(i, records, policy);
    return answer(
      `${h.headName}户的${label}已经记录过了${earlier ? `（${formatLocal(earlier.at, deps.timeZone)}${earlier.cadreName ? `，${earlier.cadreName}` : ''}）` : ''}，不必再记。`,
    );
  }
  await store.audit({
    actor: actor.userid,
    action: 'pair_duty',
    entity: 'household',
    entityId: h.id,
    toState: `${duty}:${i.period}`,
    note,
    at: now,
  });
  const left = openDuties(dutyLines(policy, records, now, deps.timeZone));
  return answer(
    `已记录 ${h.headName}户（${h.villageName}）的${label}，${formatLocal(now, deps.timeZone)}。${
      left.length
        ? `本期还有 ${left.length} 项未完成：${left.map((d) => DUTY_LABEL[d]).join('、')}。`
        : '本期「8个一」已全部完成。'
    }`,
  );
}

/** 8个一 户号: where the household's eight duties stand this period. */
export async function showPairDuties(
  ctx: CommandContext,
  cmd: Extract<Command, { kind: 'pair_duties' }>,
): Promise<CadreOutcome> {
  const { store, now, deps } = ctx;
  const policy = deps.policy.pairHelper;
  if (cmd.household === null) return owedDuties(ctx);
  const found = await householdInCharge(ctx, cmd.household);
  if ('refusal' in found) return answer(found.refusal);
  const { h } = found;
  if (!owes(policy, h)) return answer(notOwed(h));
  const records = await store.pairDuties.dutyRecords(h.id, recordsSince(policy, now, deps.timeZone));
  const lines = dutyLines(policy, records, now, deps.timeZone);
  const open = openDuties(lines);
  const card = { touser: ctx.actor.userid, card: dutyCard({ ...h, at: now, open }), key: dutyCardId(h.id, now) };
  return answer(householdDutiesText(h, lines, deps.timeZone), open.length ? { cards: [card] } : {});
}

/** 8个一 alone: the households in the cadre's charge with duties overdue or due soon. */
async function owedDuties({ store, actor, now, deps }: CommandContext): Promise<CadreOutcome> {
  const policy = deps.policy.pairHelper;
  const owed = await store.pairDuties.owedHouseholds(actor.userid, policy.households, 500);
  const since = recordsSince(policy, now, deps.timeZone);
  const records = await store.pairDuties.dutyRecordsOf(
    owed.map((h) => h.id),
    since,
  );
  const lines = owed.map((h) => ({ ...h, lines: dutyLines(policy, records.get(h.id) ?? [], now, deps.timeZone) }));
  return answer(owedDutiesText(lines, deps.timeZone));
}
