import { maskSecrets } from '../../privacy.js';
import type { Command } from '../../cadre/command.js';
import { riskLabels } from '../../cadre/visit-card.js';
import type { CadreOutcome, HouseholdRef } from '../../ports/cadre.js';
import { classifyReport } from '../../triage/classify-report.js';
import type { Report } from '../../triage/report.js';
import { answer, type CommandContext } from './command-context.js';
import { householdInCharge } from './household-in-charge.js';

/**
 * A risk a cadre found, stored for triage (channel cadre, the cadre as reporter) and audited; null when
 * `key` was reported before. The risk types read are for the answer only: triage decides.
 */
export async function storeRiskReport(
  { store, actor, now, deps }: CommandContext,
  h: HouseholdRef,
  text: string,
  key: string,
): Promise<{ inboxId: number; types: string } | null> {
  const note = maskSecrets(text).slice(0, 1000);
  const report: Report = { channel: 'cadre', reporter: actor.userid, text: note, identity: { householdId: h.id } };
  const inboxId = await store.storeCadreReport(key, report);
  if (inboxId === null) return null;
  await store.audit({
    actor: actor.userid,
    action: 'cadre-report',
    entity: 'household',
    entityId: h.id,
    note: `inbox ${inboxId}: ${note}`.slice(0, 500),
    at: now,
  });
  return {
    inboxId,
    types: riskLabels(classifyReport({ text: note, householdStatus: h.status }, deps.policy).riskTypes),
  };
}

/**
 * 上报 (干部排查): a risk a cadre found on a household in their charge becomes a report, stored in the
 * inbox like any channel's and triaged by the same job (channel cadre, the cadre as its source). A
 * visit's 上报 button reports that visit's note once; a second press says it was reported.
 */
export async function reportRisk(
  ctx: CommandContext,
  cmd: Extract<Command, { kind: 'report' }>,
): Promise<CadreOutcome> {
  const found = await householdInCharge(ctx, cmd.household);
  if ('refusal' in found) return answer(found.refusal);
  const { h } = found;
  const key = cmd.visitId !== null ? `visit-${cmd.visitId}` : `${ctx.actor.userid}-${ctx.now.getTime()}`;
  const stored = await storeRiskReport(ctx, h, cmd.note, key);
  // A pressed visit card is greyed out once its note is reported (its response code is single-use).
  const grey = cmd.visitId !== null ? { replaceCard: '已上报' } : {};
  if (stored === null)
    return answer(`这次走访发现的情况已经上报过了（${h.headName}户）。发送「我的任务」查看进展。`, grey);
  const { inboxId, types } = stored;
  return answer(
    `已上报 ${h.headName}户（${h.villageName}）的情况${types ? `（${types}）` : ''}，来源：干部排查。系统会分派给负责的干部，任务卡片随后发出。`,
    { changed: true, reports: [inboxId], ...grey },
  );
}
