import { isClosed, STATE_LABEL, transition, type CaseEvent, type CaseState } from '../cases/case-lifecycle.js';
import { riskRemovalBlockers } from '../cases/risk-removal.js';
import { maskSecrets } from '../privacy.js';
import { dueAfterContact, dueForNewPlan, visitPlan } from '../schedule/visit-plan.js';
import { formatLocal } from '../local-time.js';
import { WARNING_HIGH } from '../triage/warning-score.js';
import { MONITORING_LABEL, ROLE_LABEL, type MonitoringKind } from '../types.js';
import type { CadreDeps, CadreOutcome, CadreRef, CadreStore, CaseRow, OpenTask, TaskClock } from '../ports/cadre.js';
import { HELP_TEXT, type Command, type ParsedCommand } from '../cadre/parse-command.js';
import { villagerStatusText } from '../cadre/villager-status.js';
import { linkCase } from './link-case.js';
import { linkByTarget, reassignCase } from './relink-case.js';

const DAY = 86_400_000;
const none = (reply: string | null, extra: Partial<CadreOutcome> = {}): CadreOutcome => ({
  changed: false,
  reply,
  refreshTask: null,
  newTasks: [],
  notices: [],
  villagers: [],
  ...extra,
});

type CaseCommand = Extract<Command, { number: string }>;
type Ctx = { deps: CadreDeps; store: CadreStore; actor: CadreRef; now: Date };

/**
 * One cadre command, by text or by a card button, applied inside one transaction: who may act, what the
 * state machine allows, what changes, the audit row, and who hears about it.
 */
export async function runCadreCommand(
  deps: CadreDeps,
  userid: string,
  cmd: ParsedCommand,
  now: Date,
): Promise<CadreOutcome> {
  if (cmd.kind === 'unknown' || cmd.kind === 'help') return none(HELP_TEXT);
  if (cmd.kind === 'invalid') return none(`格式不对。用法：${cmd.usage}\n发送「帮助」查看全部指令。`);
  return deps.transaction(async (store) => {
    const actor = await store.cadre(userid);
    if (!actor) {
      await store.audit({
        actor: userid,
        action: 'refused',
        entity: 'cadre',
        entityId: userid,
        note: `未登记的成员: ${cmd.kind}`,
        at: now,
      });
      return none('您好，您还不是守望平台登记的帮扶干部，暂时不能办理任务。如需开通请联系乡镇或县乡村振兴局。');
    }
    const ctx: Ctx = { deps, store, actor, now };
    if (cmd.kind === 'my_tasks') return none(await myTasks(ctx));
    if (cmd.kind === 'visit') return none(await recordVisit(ctx, cmd));
    return caseCommand(ctx, cmd);
  });
}

async function caseCommand(ctx: Ctx, cmd: CaseCommand): Promise<CadreOutcome> {
  const { store, actor, now } = ctx;
  const c = await store.caseByNumber(cmd.number);
  if (!c) return none(`没有找到编号 ${cmd.number} 的事项，请核对编号（发送「我的任务」查看）。`);
  const task = await store.openTask(c.id);
  if (task?.cadre !== actor.userid && !(await store.inCharge(actor.userid, c.householdId, c.villageId))) {
    await store.audit({
      actor: actor.userid,
      action: 'refused',
      entity: 'case',
      entityId: String(c.id),
      note: `无权办理: ${cmd.kind}`,
      at: now,
    });
    return none(`编号 ${c.number} 不在您负责的范围内，不能办理。如需协同，请联系该户的帮扶责任人或村干部。`);
  }
  switch (cmd.kind) {
    case 'acknowledge':
      return step(ctx, c, task, 'acknowledge', '');
    case 'verify':
      return step(ctx, c, task, 'verify', cmd.note, { income: cmd.income });
    case 'include':
      // 纳入监测 is a decision about a household: without one there is nothing to monitor.
      if (!c.householdId)
        return none(`编号 ${c.number} 还没有关联农户，不能纳入监测。请先发送「关联 ${c.number} 户号或户主姓名」。`);
      return step(ctx, c, task, 'include', MONITORING_LABEL[cmd.monitoringKind], {
        monitoringKind: cmd.monitoringKind,
      });
    case 'exclude':
      return step(ctx, c, task, 'exclude', cmd.reason);
    case 'assist':
      return step(ctx, c, task, 'assist', cmd.measure);
    case 'remove_risk':
      return step(ctx, c, task, 'remove_risk', '');
    case 'review':
      return step(ctx, c, task, 'review', cmd.note);
    case 'request_help':
      return requestHelp(ctx, c, cmd.note);
    case 'transfer':
      return transfer(ctx, c, task?.id ?? null, cmd.to);
    case 'merge':
      return merge(ctx, c, task, cmd.into);
    case 'link':
      return linkCase(ctx, c, task, cmd.householdId, cmd.via);
    case 'link_to':
      return linkByTarget(
        { ...ctx, find: (target) => store.householdsInCharge(actor.userid, target) },
        c,
        task,
        cmd.target,
        'command',
      );
    case 'reassign':
      return reassignCase(ctx, c, task, cmd.to, 'command');
  }
}

async function step(
  ctx: Ctx,
  c: CaseRow,
  task: OpenTask | null,
  event: CaseEvent,
  note: string,
  extra: { income?: number | null; monitoringKind?: MonitoringKind } = {},
): Promise<CadreOutcome> {
  const { deps, store, actor, now } = ctx;
  const blockers = event === 'remove_risk' ? await removalBlockers(store, c, ctx) : [];
  const t = transition(c.state, event, blockers);
  if (!t.ok) return none(`编号 ${c.number}：${t.reason}`);

  const cleanNote = maskSecrets(note).slice(0, 500);
  await store.setCaseState(
    c.id,
    {
      state: t.to,
      closed: isClosed(t.to),
      ...(event === 'verify' ? { verification: cleanNote } : {}),
      ...(event === 'include' || event === 'exclude'
        ? { decision: event === 'include' ? 'included' : 'not_included' }
        : {}),
      ...(extra.monitoringKind ? { monitoringKind: extra.monitoringKind } : {}),
    },
    now,
  );
  if (c.householdId) {
    const change = {
      ...(extra.income != null ? { income: extra.income } : {}),
      ...(event === 'include'
        ? {
            monitoringKind: extra.monitoringKind!,
            riskOpen: true,
            due: dueForNewPlan(visitPlan({ status: 'monitored', riskOpen: true }, deps.policy), now),
          }
        : {}),
      ...(event === 'remove_risk'
        ? { riskOpen: false, due: dueForNewPlan(visitPlan({ status: 'monitored', riskOpen: false }, deps.policy), now) }
        : {}),
    };
    if (Object.keys(change).length) await store.updateHousehold(c.householdId, change, now);
  }
  if (event === 'assist') await store.addMeasure(c.id, c.householdId, actor.userid, cleanNote, now);
  await store.audit({
    actor: actor.userid,
    action: event,
    entity: 'case',
    entityId: String(c.id),
    fromState: t.from,
    toState: t.to,
    note: cleanNote,
    at: now,
  });

  const reviewDueAt =
    event === 'remove_risk' ? new Date(now.getTime() + deps.policy.removal.reviewAfterDays * DAY) : undefined;
  if (task)
    await store.setTaskStep(
      task.id,
      { clock: CLOCK[t.to] ?? null, done: isClosed(t.to), ...(reviewDueAt ? { reviewDueAt } : {}) },
      now,
    );

  const status = c.reporter ? villagerStatusText(c.number, t.to) : null;
  if (status) await store.queueVillagerUpdate(c.reporter!, c.id, status, now);
  const more = reviewDueAt ? `，请于 ${formatLocal(reviewDueAt, deps.timeZone)} 前回头看` : '';
  return none(`编号 ${c.number}：${STATE_LABEL[t.from]} → ${STATE_LABEL[t.to]}，已记录${more}。`, {
    changed: true,
    refreshTask: task?.id ?? null,
    villagers: status ? [c.reporter!] : [],
  });
}

/** Which of the task's deadlines runs in each state (none while assisting: visits take over). */
const CLOCK: Partial<Record<CaseState, TaskClock>> = {
  assigned: 'ack',
  acknowledged: 'verify',
  verified: 'decide',
  risk_removed: 'review',
};

async function removalBlockers(store: CadreStore, c: CaseRow, ctx: Ctx): Promise<string[]> {
  const measures = await store.measures(c.id);
  const hasLabour = c.householdId ? await store.hasLabour(c.householdId) : true;
  const includedAt = await store.includedAt(c.id);
  return riskRemovalBlockers(
    {
      measures,
      incomePerCapita: c.incomePerCapita,
      riskTypes: c.riskTypes,
      hasLabour,
      includedAt,
      now: ctx.now,
      timeZone: ctx.deps.timeZone,
    },
    ctx.deps.policy,
  );
}

const ABOVE: Record<CadreRef['role'], CadreRef['role']> = {
  helper: 'village',
  village: 'township',
  township: 'county',
  county: 'county',
};

async function requestHelp(ctx: Ctx, c: CaseRow, note: string): Promise<CadreOutcome> {
  const { store, actor, now } = ctx;
  const up = await store.supervisor(c, ABOVE[actor.role]);
  if (!up || up.userid === actor.userid)
    return none(`编号 ${c.number}：没有找到可以协助的上级，请直接联系县乡村振兴局。`);
  await store.audit({
    actor: actor.userid,
    action: 'request-help',
    entity: 'case',
    entityId: String(c.id),
    note: `${up.userid} ${maskSecrets(note)}`.trim(),
    at: now,
  });
  const who = c.headName ? `${c.headName}户（${c.villageName ?? ''}）` : (c.villageName ?? '');
  const content = `【协助请求】${ROLE_LABEL[actor.role]}${actor.name}就编号 ${c.number}（${who}，${STATE_LABEL[c.state]}）请求协助${note ? `：${maskSecrets(note)}` : '。'}`;
  return none(`已请 ${ROLE_LABEL[up.role]}${up.name} 协助编号 ${c.number}。`, {
    notices: [{ touser: up.userid, content }],
  });
}

async function transfer(ctx: Ctx, c: CaseRow, taskId: number | null, to: string): Promise<CadreOutcome> {
  const { store, actor, now } = ctx;
  if (!taskId || isClosed(c.state)) return none(`编号 ${c.number} 已办结，不能转交。`);
  const found = await store.findCadres(to);
  const colleagues = found.filter((x) => x.role === 'county' || !c.townshipId || x.townshipId === c.townshipId);
  if (colleagues.length === 0) return none(`没有找到本乡镇的同事「${to}」，请用姓名或企业微信账号。`);
  if (colleagues.length > 1)
    return none(
      `有 ${colleagues.length} 位同事叫「${to}」：${colleagues.map((x) => `${x.name}（${x.userid}）`).join('、')}，请用账号转交。`,
    );
  const target = colleagues[0]!;
  if (target.userid === actor.userid) return none(`编号 ${c.number} 已经由您负责。`);
  const newTask = await store.transferTask(taskId, target.userid, now);
  await store.audit({
    actor: actor.userid,
    action: 'transfer',
    entity: 'case',
    entityId: String(c.id),
    fromState: c.state,
    toState: c.state,
    note: `task ${taskId} → ${newTask}: ${target.userid}`,
    at: now,
  });
  return none(`编号 ${c.number} 已转交给 ${target.name}。`, {
    changed: true,
    newTasks: [newTask],
    notices: [{ touser: target.userid, content: `${actor.name}把编号 ${c.number} 转交给您办理，任务卡片随后送达。` }],
  });
}

async function merge(ctx: Ctx, c: CaseRow, task: OpenTask | null, into: string): Promise<CadreOutcome> {
  const target = into === c.number ? null : await ctx.store.caseByNumber(into);
  if (!target) return none(`没有找到要并入的编号 ${into}（不能并入自己）。`);
  if (!c.householdId || target.householdId !== c.householdId)
    return none(`只能合并同一户的事项：${c.number} 和 ${target.number} 不是同一户。`);
  if (isClosed(target.state)) return none(`编号 ${target.number} 已办结，不能再并入。`);
  const out = await step(ctx, c, task, 'merge', `并入 ${target.number}`);
  if (out.changed) await ctx.store.absorbCase(target.id, c.id, ctx.now);
  return out;
}

async function myTasks({ store, actor, deps }: Ctx): Promise<string> {
  const { lines, total } = await store.myTasks(actor.userid, 20);
  if (total === 0) return '您目前没有未办结的任务。';
  const rows = lines.map((l, i) => {
    const who = l.headName ? `${l.headName}户（${l.villageName ?? ''}）` : `未匹配农户（${l.villageName ?? ''}）`;
    const due = l.nextDueAt ? `，${formatLocal(l.nextDueAt, deps.timeZone)} 前` : '';
    const tags = `${l.urgency === 'green' ? '【绿色通道】' : ''}${l.kind === 'observe' ? '【观察】' : ''}${l.score >= WARNING_HIGH ? `【预警${l.score}分】` : ''}`;
    return `${i + 1}. ${tags}${l.number} ${who} ${STATE_LABEL[l.state]}${due}`;
  });
  return [
    `您有 ${total} 项未办结任务（绿色通道在前，其次是预警分${WARNING_HIGH}分以上的农户，再按时限）：`,
    ...rows,
    ...(total > lines.length ? [`……还有 ${total - lines.length} 项`] : []),
  ].join('\n');
}

async function recordVisit(
  { store, actor, now, deps }: Ctx,
  cmd: Extract<Command, { kind: 'visit' }>,
): Promise<string> {
  const found = await store.householdsInCharge(actor.userid, cmd.household);
  if (found.length === 0) return `您负责的农户中没有找到「${cmd.household}」，请用户号或户主姓名。`;
  if (found.length > 1)
    return `您负责的农户中有 ${found.length} 户叫「${cmd.household}」：${found.map((h) => `${h.headName}（${h.villageName}，户号 ${h.id}）`).join('、')}，请用户号。`;
  const h = found[0]!;
  const note = maskSecrets(cmd.note).slice(0, 500);
  await store.insertVisit({
    householdId: h.id,
    cadre: actor.userid,
    kind: cmd.visitKind,
    note,
    at: now,
    due: dueAfterContact(cmd.visitKind, visitPlan(h, deps.policy), now),
  });
  if (cmd.income !== null) await store.updateHousehold(h.id, { income: cmd.income }, now);
  await store.audit({ actor: actor.userid, action: cmd.visitKind, entity: 'household', entityId: h.id, note, at: now });
  const what = cmd.visitKind === 'call' ? '电话联系' : '入户走访';
  return `已记录 ${h.headName}户（${h.villageName}）的${what}，${formatLocal(now, deps.timeZone)}。${cmd.income !== null ? `人均纯收入更新为 ${cmd.income} 元。` : ''}`;
}
