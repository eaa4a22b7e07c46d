import { isClosed } from '../cases/case-lifecycle.js';
import { surname } from '../chat/case-status.js';
import { reportIdentity, type Draft } from '../chat/villager-dialog.js';
import type { CadreDeps, CadreRef, CadreStore } from '../ports/cadre.js';
import type { HouseholdMatch, TaskNotice } from '../ports/triage.js';
import type { MatchQuery } from '../triage/decide-match.js';
import { localParts } from '../local-time.js';
import { ROLE_LABEL } from '../types.js';
import { linkCase } from './link-case.js';

export interface LateIdentityDeps {
  cadre: CadreDeps;
  /** The matcher (ask, don't guess), for what the villager has told us so far. */
  match(who: MatchQuery, asOfYear: number): Promise<HouseholdMatch>;
}

export interface LateIdentityOutcome {
  /** The one line the villager gets. */
  reply: string;
  /** New task cards (the case moved along the chain). */
  cards: TaskNotice[];
  /** Texts to cadres: the new holder, and the one the case moved away from. */
  notices: Array<{ touser: string; content: string }>;
}

const FIELD_LABEL: Array<[keyof Draft, string]> = [
  ['name', '姓名'],
  ['village', '村'],
  ['phone', '电话'],
  ['idNumber', '身份证号'],
];

/**
 * Who the report is about, sent after the receipt: the matcher runs again on everything the villager has
 * said, and a household it is sure of is linked to the still unmatched case (linkCase: audited, the task
 * moves along the chain to that household's responsible cadre, who gets a card). The villager hears it in
 * one line; if it is still not clear, only what is still missing is asked, never what they already told.
 */
export async function attachLateIdentity(
  deps: LateIdentityDeps,
  m: { externalUserid: string; caseNumber: string; draft: Draft; told: Partial<Draft> },
  now: Date,
): Promise<LateIdentityOutcome> {
  const match = await deps.match(reportIdentity(m.draft), localParts(now, deps.cadre.timeZone).year);
  const told = FIELD_LABEL.filter(([k]) => m.told[k])
    .map(([, label]) => label)
    .join('、');
  const villager = `villager:${m.externalUserid}`;
  return deps.cadre.transaction(async (store) => {
    const c = await store.caseByNumber(m.caseNumber);
    if (!c || c.householdId || isClosed(c.state))
      return { reply: `已把您补充的内容记入编号 ${m.caseNumber}。`, cards: [], notices: [] };
    await store.audit({
      actor: villager,
      action: 'identity-added',
      entity: 'case',
      entityId: String(c.id),
      note: `村民补充${told}；重新匹配：${match.householdId ? `${match.method} → ${match.householdId}` : match.method}`,
      at: now,
    });
    if (!match.householdId) return { reply: stillMissing(m.caseNumber, m.draft), cards: [], notices: [] };

    const task = await store.openTask(c.id);
    // The villager is no cadre: the matcher, not their say-so, picked the household, so no charge is checked.
    const actor: CadreRef = { userid: villager, name: '守望系统（村民补充身份后）', role: 'county', townshipId: null };
    const trusting: CadreStore = { ...store, inCharge: async () => true };
    const out = await linkCase({ store: trusting, actor, now }, c, task, match.householdId, 'villager');
    const h = await store.household(match.householdId);
    const holderId = out.newTasks.length ? out.notices[0]?.touser : task?.cadre;
    const holder = holderId ? await store.cadre(holderId) : null;
    const who = h ? `${h.headName}户（${h.villageName}）` : match.householdId;
    const moved =
      task && out.newTasks.length
        ? [
            {
              touser: task.cadre,
              content: `编号 ${c.number} 经报告人补充身份，已关联${who}，按责任链转由${holder ? `${ROLE_LABEL[holder.role]}${holder.name}` : '该户的责任人'}办理。`,
            },
          ]
        : [];
    return {
      reply: linkedLine(c.number, who, holder, !!m.draft.forOther),
      cards: out.newTasks.map((taskId) => ({ taskId, cadre: holderId! })),
      notices: [...out.notices, ...moved],
    };
  });
}

function linkedLine(number: string, who: string, holder: CadreRef | null, forOther: boolean): string {
  const by = holder ? `由${ROLE_LABEL[holder.role]}${surname(holder.name)}干部负责` : '已交负责干部';
  return `已核对到${forOther ? '' : '您家：'}${who}，编号 ${number} ${by}，会尽快联系${forOther ? '该户' : '您'}。`;
}

/** Asks only for what is still missing; with name and village (or an ID number) known, asks nothing. */
function stillMissing(number: string, d: Draft): string {
  const village = d.village ?? d.villageName;
  if (d.idNumber || (d.name && village)) return `收到，已记入编号 ${number}。干部核对后会与您联系。`;
  const whose = d.forOther ? '户主' : '您';
  if (!d.name) return `收到。请再告诉我们${whose}的姓名，方便核对是哪一户（编号 ${number}）。`;
  return `收到。请问${whose}家在哪个村？（编号 ${number}）`;
}
