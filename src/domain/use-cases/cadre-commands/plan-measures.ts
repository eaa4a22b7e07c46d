import {
  EFFECT_LABEL,
  groupMeasures,
  GROUP_LABEL,
  MEASURE_LABEL,
  STATUS_LABEL,
  type Measure,
} from '../../assistance/measure.js';
import { suggestMeasures } from '../../assistance/suggest-measures.js';
import type { Command } from '../../cadre/command.js';
import type { MeasureForm } from '../../cadre/measure-form.js';
import { localDateString, localParts } from '../../local-time.js';
import type { CadreOutcome } from '../../ports/cadre.js';
import { maskSecrets } from '../../privacy.js';
import { caseStep } from './case-step.js';
import { answer, type CaseContext } from './command-context.js';

type Cmd<K extends Command['kind']> = Extract<Command, { kind: K }>;

const noHousehold = (x: CaseContext) =>
  answer(`编号 ${x.c.number} 还没有关联农户，一户一策要先关联。请发送「关联 ${x.c.number} 户号或户主姓名」。`);

/** 帮扶 编号 类型 …: one typed measure, for a member found by name among the household's members. */
export async function assistTyped(x: CaseContext, cmd: Cmd<'assist_typed'>): Promise<CadreOutcome> {
  const { c, store, now, deps } = x;
  if (!c.householdId) return noHousehold(x);
  const f: MeasureForm = cmd.form;
  const members = await store.plan.members(c.householdId, now);
  const member = f.member ? members.find((m) => m.name === f.member) : null;
  if (f.member && !member)
    return answer(
      `${c.headName ?? ''}户的家庭成员中没有「${f.member}」。成员有：${members.map((m) => m.name).join('、') || '（未登记）'}；整户的措施请写「对象:全户」。`,
    );
  const status = f.status ?? 'planned';
  const today = localDateString(now, deps.timeZone);
  const start = f.start
    ? `${f.start.year ?? localParts(now, deps.timeZone).year}-${pad(f.start.month)}-${pad(f.start.day)}`
    : status === 'planned'
      ? null
      : today;
  const detail = maskSecrets(f.detail);
  const text = [MEASURE_LABEL[f.type], member ? `（${member.name}）` : '（全户）', detail].join(' ').trim();
  const out = await caseStep(x, 'assist', text, {
    measure: {
      type: f.type,
      memberId: member?.id ?? null,
      memberName: member?.name ?? null,
      detail,
      department: f.department,
      startDate: start,
      amountYuan: f.amountYuan,
      status,
    },
  });
  if (!out.changed) return out;
  const plan = await store.plan.householdMeasures(c.householdId);
  const line = [
    `编号 ${c.number}：已登记第 ${plan.length} 项措施「${MEASURE_LABEL[f.type]}」`,
    member ? `，对象 ${member.name}` : '，对象全户',
    f.department ? `，责任单位 ${f.department}` : '',
    f.amountYuan !== null ? `，金额 ${f.amountYuan} 元` : '',
    start ? `，${start} 开始` : '',
    `，状态「${STATUS_LABEL[status]}」。`,
    status === 'done' ? '' : `落实后请回复「措施 ${c.number} ${plan.length} 已落实」。`,
  ].join('');
  return { ...out, reply: line };
}

/** 措施 编号: the plan by 一增 / 一减 / 一补 with each measure's 序号, and what could be added. */
export async function listMeasures(x: CaseContext): Promise<CadreOutcome> {
  const { c, store, now } = x;
  if (!c.householdId) return noHousehold(x);
  const [plan, members] = await Promise.all([
    store.plan.householdMeasures(c.householdId),
    store.plan.members(c.householdId, now),
  ]);
  const index = new Map(plan.map((m, i) => [m.id, i + 1]));
  const lines = [`${c.headName ?? ''}户（${c.villageName ?? ''}）一户一策，共 ${plan.length} 项：`];
  for (const [group, ms] of groupMeasures(plan)) {
    lines.push(`【${GROUP_LABEL[group]}】`);
    for (const m of ms) lines.push(`${index.get(m.id)}. ${measureLine(m)}`);
  }
  if (!plan.length) lines.push('（还没有登记措施）');
  const suggestions = suggestMeasures({ riskTypes: c.riskTypes, members, measures: plan });
  if (suggestions.length)
    lines.push(
      '建议措施（仅供参考，需您确认后登记）：',
      ...suggestions
        .slice(0, 6)
        .map((s) => `· ${MEASURE_LABEL[s.type]}${s.memberName ? `（${s.memberName}）` : ''}：${s.why}`),
    );
  lines.push(`登记：帮扶 ${c.number} 类型 对象:姓名或全户 部门:… 金额:… 开始:…；改状态：措施 ${c.number} 序号 已落实`);
  return answer(lines.join('\n'));
}

/** 回头看 编号 情况: the step, then the measures whose effect is not checked yet, each with its 成效 command. */
export async function reviewWithEffects(x: CaseContext, cmd: Cmd<'review'>): Promise<CadreOutcome> {
  const out = await caseStep(x, 'review', cmd.note);
  if (!out.changed || !x.c.householdId) return out;
  const plan = await x.store.plan.householdMeasures(x.c.householdId);
  const open = plan.map((m, i) => [m, i + 1] as const).filter(([m]) => m.status !== 'void' && !m.effect);
  if (!open.length) return out;
  const lines = open.slice(0, 8).map(([m, i]) => `${i}. ${measureLine(m)}`);
  return {
    ...out,
    reply: `${out.reply ?? ''}\n请逐项检查措施成效（成效 ${x.c.number} 序号 见效/部分见效/未见效 说明）：\n${lines.join('\n')}`,
  };
}

/** 措施 编号 序号 状态. */
export async function setMeasureStatus(x: CaseContext, cmd: Cmd<'measure_status'>): Promise<CadreOutcome> {
  const found = await nth(x, cmd.index);
  if (typeof found === 'string') return answer(found);
  const { store, actor, now, c } = x;
  await store.plan.updateMeasure(
    found.id,
    {
      status: cmd.status,
      ...(cmd.status === 'done' && !found.startDate ? { startDate: localDateString(now, x.deps.timeZone) } : {}),
    },
    now,
  );
  await store.audit({
    actor: actor.userid,
    action: 'measure_status',
    entity: 'measure',
    entityId: String(found.id),
    fromState: found.status,
    toState: cmd.status,
    note: `${c.number} ${MEASURE_LABEL[found.type]} ${maskSecrets(cmd.note)}`.trim().slice(0, 500),
    at: now,
  });
  return answer(
    `编号 ${c.number}：第 ${cmd.index} 项「${MEASURE_LABEL[found.type]}」${STATUS_LABEL[found.status]} → ${STATUS_LABEL[cmd.status]}，已记录。`,
    { changed: true },
  );
}

/** 成效 编号 序号 见效 说明: the effect check of 回头看. */
export async function checkMeasureEffect(x: CaseContext, cmd: Cmd<'measure_effect'>): Promise<CadreOutcome> {
  const found = await nth(x, cmd.index);
  if (typeof found === 'string') return answer(found);
  const { store, actor, now, c } = x;
  const note = maskSecrets(cmd.note);
  await store.plan.checkEffect(found.id, { effect: cmd.effect, note, by: actor.userid }, now);
  await store.audit({
    actor: actor.userid,
    action: 'measure_effect',
    entity: 'measure',
    entityId: String(found.id),
    fromState: found.effect,
    toState: cmd.effect,
    note: `${c.number} ${MEASURE_LABEL[found.type]} ${note}`.trim().slice(0, 500),
    at: now,
  });
  return answer(
    `编号 ${c.number}：第 ${cmd.index} 项「${MEASURE_LABEL[found.type]}」成效记为「${EFFECT_LABEL[cmd.effect]}」。`,
    {
      changed: true,
    },
  );
}

async function nth(x: CaseContext, index: number): Promise<Measure | string> {
  if (!x.c.householdId) return `编号 ${x.c.number} 还没有关联农户，没有一户一策。`;
  const plan = await x.store.plan.householdMeasures(x.c.householdId);
  return (
    plan[index - 1] ??
    `${x.c.headName ?? ''}户没有第 ${index} 项措施（共 ${plan.length} 项）。发送「措施 ${x.c.number}」查看序号。`
  );
}

export function measureLine(m: Measure): string {
  return [
    MEASURE_LABEL[m.type],
    m.memberName ? `（${m.memberName}）` : '（全户）',
    m.detail ? ` ${m.detail}` : '',
    m.department ? `，${m.department}` : '',
    m.amountYuan !== null ? `，${m.amountYuan} 元` : '',
    m.startDate ? `，${m.startDate} 起` : '',
    `，${STATUS_LABEL[m.status]}`,
    m.effect ? `，成效：${EFFECT_LABEL[m.effect]}` : '',
  ].join('');
}

const pad = (n: number) => String(n).padStart(2, '0');
