import { readCaseRef } from '../../cadre/case-ref.js';
import type { CaseRefCandidate } from '../../ports/case-refs.js';
import type { CommandContext } from './command-context.js';

const SHOWN = 5;

/**
 * A short reference made into a case number, or the Chinese answer saying why it can't be: a position
 * needs the list the cadre saw last; 4 digits must name one case (the cadre's own open tasks are
 * looked at first, then every case).
 */
export async function resolveCaseRef(
  { store, actor }: CommandContext,
  typed: string,
): Promise<{ ok: true; number: string } | { ok: false; reply: string }> {
  const ref = readCaseRef(typed);
  if (ref.kind === 'number') return { ok: true, number: ref.number };
  if (ref.kind === 'position') {
    const list = await store.listRef(actor.userid);
    if (!list?.length)
      return {
        ok: false,
        reply: `序号 ${ref.position} 指您最近一次「我的任务」列表中的第 ${ref.position} 项。请先发送「我的任务」，再用序号办理；也可以用编号的后 4 位。`,
      };
    const number = list[ref.position - 1];
    if (!number)
      return {
        ok: false,
        reply: `您最近一次查看的列表只有 ${list.length} 项，没有第 ${ref.position} 项。请发送「我的任务」查看最新列表。`,
      };
    return { ok: true, number };
  }
  const found = await store.casesEndingWith(actor.userid, ref.tail, SHOWN + 1);
  const mine = found.filter((c) => c.mine);
  const pick = mine.length ? mine : found;
  if (pick.length === 1) return { ok: true, number: pick[0]!.number };
  if (pick.length === 0)
    return {
      ok: false,
      reply: `没有找到编号后 4 位是 ${ref.tail} 的事项。请核对后重发，或发送「我的任务」查看您的任务。`,
    };
  const listed = pick.slice(0, SHOWN).map(label).join('；');
  const more = pick.length > SHOWN ? '等' : '';
  return {
    ok: false,
    reply: `编号后 4 位是 ${ref.tail} 的事项不止一项（${listed}${more}），请用完整编号重发。`,
  };
}

const label = (c: CaseRefCandidate) =>
  `${c.number}${c.headName ? ` ${c.headName}户` : ''}${c.villageName ? `（${c.villageName}）` : ''}`;
