import { isClosed, STATE_LABEL } from '../cases/case-lifecycle.js';
import type { CadreOutcome, CadreRef, CaseRow, OpenTask } from '../ports/cadre.js';
import { maskSecrets } from '../privacy.js';
import { ROLE_LABEL, type CadreRole } from '../types.js';
import type { LinkContext } from './link-case.js';

const answer = (reply: string, extra: Partial<CadreOutcome> = {}): CadreOutcome => ({
  changed: false,
  reply,
  refreshTask: null,
  newTasks: [],
  notices: [],
  villagers: [],
  ...extra,
});

const NEXT_UP: Record<CadreRole, CadreRole | null> = {
  helper: 'village',
  village: 'township',
  township: 'county',
  county: null,
};

/** The holder's chain above them for this case: 包村干部, 包片领导, the county office (each once). */
async function chainAbove(ctx: LinkContext, c: CaseRow, holder: CadreRef): Promise<CadreRef[]> {
  const up: CadreRef[] = [];
  for (let role = NEXT_UP[holder.role]; role; ) {
    const s = await ctx.store.supervisor(c, role);
    if (!s) break;
    if (s.userid !== holder.userid && !up.some((u) => u.userid === s.userid)) up.push(s);
    role = NEXT_UP[s.role];
  }
  return up;
}

/**
 * 督办 from the console: the holder of the open task gets an urged reminder, and each one above them in
 * the chain is told, so it is followed up; the urge (and whom it reached) is audited on the case.
 */
export async function urgeCase(
  ctx: LinkContext,
  c: CaseRow,
  task: OpenTask | null,
  text: string,
): Promise<CadreOutcome> {
  if (!task || isClosed(c.state)) return answer(`编号 ${c.number} 没有在办的任务，无需督办。`);
  const holder = await ctx.store.cadre(task.cadre);
  if (!holder) return answer(`编号 ${c.number} 的责任人已不在干部名册中，请先改派。`);
  const chain = await chainAbove(ctx, c, holder);
  const said = maskSecrets(text.trim());
  const who = c.headName ? `${c.headName}户（${c.villageName ?? ''}）` : `未关联农户（${c.villageName ?? '村未知'}）`;
  const step = STATE_LABEL[c.state];
  const holderName = `${ROLE_LABEL[holder.role]}${holder.name}`;
  await ctx.store.audit({
    actor: ctx.actor.userid,
    action: 'urge',
    entity: 'case',
    entityId: String(c.id),
    note: `${said || '请尽快办理'}（已提醒${[holderName, ...chain.map((u) => `${ROLE_LABEL[u.role]}${u.name}`)].join('、')}）`,
    at: ctx.now,
  });
  const opinion = said ? `督办意见：${said}` : '请您尽快办理。';
  return answer(
    `已督办编号 ${c.number}：提醒了${holderName}${chain.length ? `，并告知${chain.map((u) => u.name).join('、')}` : ''}。`,
    {
      changed: true,
      notices: [
        {
          touser: holder.userid,
          content: `【督办】${ctx.actor.name}督办编号 ${c.number}（${who}），当前环节「${step}」。${opinion}`,
        },
        ...chain.map((u) => ({
          touser: u.userid,
          content: `【督办】${ctx.actor.name}督办编号 ${c.number}（${who}），由${holderName}办理，当前环节「${step}」。请您督促落实。${said ? `督办意见：${said}` : ''}`,
        })),
      ],
    },
  );
}

/** 备注 from the console: a note on the case, audited; nobody is messaged. */
export async function noteCase(ctx: LinkContext, c: CaseRow, text: string): Promise<CadreOutcome> {
  const note = maskSecrets(text.trim());
  await ctx.store.audit({
    actor: ctx.actor.userid,
    action: 'note',
    entity: 'case',
    entityId: String(c.id),
    note,
    at: ctx.now,
  });
  return answer(`已为编号 ${c.number} 添加备注。`, { changed: true });
}
