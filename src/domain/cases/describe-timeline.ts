import type { AuditRow } from '../ports/console.js';
import { maskSecrets } from '../privacy.js';
import { ROLE_LABEL, type CadreRole } from '../types.js';
import { EVENT_LABEL, STATE_LABEL, type CaseEvent, type CaseState } from './case-lifecycle.js';

/** One line of a case's 办理经过 as a supervisor reads it: who, what, and any words they left. */
export interface TimelineLine {
  at: Date;
  who: string;
  what: string;
  /** 待签收 → 已签收, when the step moved the case. */
  change: string | null;
  detail: string;
}

export type CadreNames = Map<string, { name: string; role: string }>;

const MATCH: Record<string, string> = {
  household_id: '按户号匹配到农户',
  id_number: '按身份证号匹配到农户',
  phone: '按电话匹配到农户',
  name_village: '按姓名和村匹配到农户',
  name_corroborated: '按姓名和其他信息匹配到农户',
  name_variant: '按相近姓名匹配到农户',
  nickname: '按小名匹配到农户',
  linked: '已关联农户',
  ambiguous: '有几户同名，待干部关联',
  unmatched: '未匹配到农户，由包村干部核实',
};

const ACTION: Record<string, string> = {
  'open-case': '上报立案',
  'open-observation': '列为观察对象',
  'merge-signal': '合并一条新信号',
  'request-help': '申请协助',
  transfer: '转交',
  reassign: '改派',
  link: '关联农户',
  'link-none': '记为“都不是”',
  refused: '未能办理（无权办理）',
  'identity-added': '村民补充身份信息',
  'villager-wish': '村民回复',
  urge: '督办',
  note: '备注',
  'category-override': '改定监测类别（说明理由）',
  // The 认定/消除 procedure's steps (issue 19), audited as procedure-<action>.
  'procedure-propose': '程序：提出',
  'procedure-pass': '程序：通过',
  'procedure-return': '程序：退回',
  'procedure-reject': '程序：不通过',
  'procedure-review': '程序：民主评议',
  'procedure-objection': '程序：登记异议',
  'procedure-resolve': '程序：处理异议',
};

/** Where a report came from, by its inbox source. */
export function sourceLabel(source: string | null): string {
  if (!source) return '';
  if (source.startsWith('dept:')) return `${source.slice(5)}（部门预警）`;
  return (
    (
      {
        kf: '村民（微信客服）',
        'kf-report': '村民（微信客服）',
        wecom: '干部（企业微信）',
        hotline: '12317 热线',
        gov_app: '政府救助平台',
      } as Record<string, string>
    )[source] ?? source
  );
}

/** A cadre as 包村干部 李四; the console as 县级（控制台）; a department by its name. */
export function actorLabel(actor: string, names: CadreNames): string {
  if (actor === 'system') return '系统';
  if (actor === 'import') return '导入';
  if (actor.startsWith('console:')) return `${actor.slice(8)}（控制台）`;
  if (actor.startsWith('dept:')) return actor.slice(5);
  if (actor.startsWith('villager:')) return '村民';
  const k = names.get(actor);
  return k ? `${ROLE_LABEL[k.role as CadreRole] ?? ''}${k.name}` : actor;
}

/** Userids an audit note names (the cadre a task went to), so their names can be looked up. */
export function mentionedUserids(rows: AuditRow[]): string[] {
  const ids = new Set<string>();
  for (const r of rows) {
    const to = handedTo(r);
    if (to) ids.add(to);
    if (!['system', 'import'].includes(r.actor) && !r.actor.includes(':')) ids.add(r.actor);
  }
  return [...ids];
}

/** The cadre a task went to, from the notes of assign / transfer / reassign / request-help. */
function handedTo(r: AuditRow): string | null {
  if (r.action === 'assign') return /^\w+: (\S+?),/.exec(r.note)?.[1] ?? null;
  if (r.action === 'transfer' || r.action === 'reassign') return /→ \d+: (\S+)$/.exec(r.note)?.[1] ?? null;
  if (r.action === 'request-help') return /^(\S+)/.exec(r.note)?.[1] ?? null;
  return null;
}

function detailOf(r: AuditRow, names: CadreNames): string {
  const to = handedTo(r);
  const who = to ? actorLabel(to, names) : '';
  switch (r.action) {
    case 'open-case':
    case 'open-observation': {
      const method = /^inbox \d+; (\w+)/.exec(r.note)?.[1];
      const why = /观察：(.*)$/.exec(r.note)?.[1];
      return [sourceLabel(r.source) && `来自${sourceLabel(r.source)}`, method && MATCH[method], why]
        .filter(Boolean)
        .join('；');
    }
    case 'merge-signal':
      return r.source ? `来自${sourceLabel(r.source)}` : '';
    case 'assign':
      return who ? `派给${who}` : '';
    case 'transfer':
    case 'reassign':
      return who ? `转给${who}${r.note.includes('关联后') ? '（按责任链）' : ''}` : '';
    case 'request-help':
      return `请${who}协助${r.note.slice(r.note.indexOf(' ') + 1).trim() ? `：${r.note.slice(r.note.indexOf(' ') + 1).trim()}` : ''}`;
    case 'link': {
      const m = /^(\S+) (\S+?)（/.exec(r.note);
      return m ? `${m[2]}（户号 ${m[1]}）` : '';
    }
    case 'link-none':
      return '不是候选中的任何一户';
    case 'refused': {
      const what = /: (\w+)$/.exec(r.note)?.[1];
      return what ? `无权办理「${EVENT_LABEL[what as CaseEvent] ?? what}」` : '';
    }
    case 'identity-added':
      return r.note.split('；')[0] ?? '';
    default:
      return r.note;
  }
}

/** A case's audit rows as 办理经过 lines, without internal ids (task numbers, inbox ids, match codes). */
export function describeTimeline(rows: AuditRow[], names: CadreNames): TimelineLine[] {
  return rows.map((r) => ({
    at: r.at,
    who: actorLabel(r.actor, names),
    what: EVENT_LABEL[r.action as CaseEvent] ?? ACTION[r.action] ?? '其他操作',
    change:
      r.fromState !== r.toState && (r.fromState || r.toState)
        ? `${r.fromState ? (STATE_LABEL[r.fromState as CaseState] ?? r.fromState) : ''} → ${r.toState ? (STATE_LABEL[r.toState as CaseState] ?? r.toState) : ''}`.trim()
        : null,
    detail: maskSecrets(detailOf(r, names)),
  }));
}
