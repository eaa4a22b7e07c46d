import { procedureOfCard } from '../cadre/procedure-card.js';
import type { CadreDeps, CadreOutcome } from '../ports/cadre.js';
import { answer } from './cadre-commands/command-context.js';
import { runCadreCommand } from './run-cadre-command.js';

/**
 * A press on a procedure card: 通过 runs the same command as its text form; 退回 needs a reason, so it
 * answers with the text form. A card drawn for an earlier step changes nothing (the step has moved on).
 * A press that changed something greys the card out; a refusal leaves it as it was.
 */
export async function pressProcedureButton(
  deps: CadreDeps,
  userid: string,
  cardTaskId: string,
  key: string,
  now: Date,
): Promise<CadreOutcome | null> {
  const card = procedureOfCard(cardTaskId);
  if (!card) return null;
  const found = await deps.transaction((s) => s.procedures.procedureById(card.procedureId));
  if (!found) return answer('这张卡片对应的程序已不存在，请发送「我的任务」查看。');
  const number = found.caseNumber;
  if (found.seq !== card.seq || found.procedure.status !== 'open')
    return answer(`编号 ${number} 的程序已经往下走了，这张卡片已过期。发送「程序 ${number}」查看现在到哪一步。`, {
      replaceCard: '已过期',
    });
  if (key === 'proc-return') return answer(`请回复退回原因：退回 ${number} 原因`);
  if (key !== 'proc-pass') return answer(`发送「程序 ${number}」查看该程序。`);
  const out = await runCadreCommand(deps, userid, { kind: 'proc_pass', number, note: '（卡片确认）' }, now);
  return out.changed ? { ...out, replaceCard: '已通过' } : out;
}
