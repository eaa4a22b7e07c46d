import { STATE_LABEL } from '../../cases/case-lifecycle.js';
import { maskSecrets } from '../../privacy.js';
import { ROLE_LABEL } from '../../types.js';
import type { CadreOutcome, CadreRef } from '../../ports/cadre.js';
import { answer, type CaseContext } from './command-context.js';

const ABOVE: Record<CadreRef['role'], CadreRef['role']> = {
  helper: 'village',
  village: 'township',
  township: 'county',
  county: 'county',
};

/** 协助: tells the next one up the chain what the cadre needs. */
export async function requestHelp({ store, actor, now, c }: CaseContext, note: string): Promise<CadreOutcome> {
  const up = await store.supervisor(c, ABOVE[actor.role]);
  if (!up || up.userid === actor.userid)
    return answer(`编号 ${c.number}：没有找到可以协助的上级，请直接联系县乡村振兴局。`);
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
  return answer(`已请 ${ROLE_LABEL[up.role]}${up.name} 协助编号 ${c.number}。`, {
    notices: [{ touser: up.userid, content }],
  });
}
