import type { CaseState } from '../cases/case-lifecycle.js';

/**
 * The short update the reporting villager gets when their case moves. No reasons, health details or
 * names of others: only what happened and what comes next.
 */
export function villagerStatusText(number: string, state: CaseState): string | null {
  switch (state) {
    case 'acknowledged':
      return `您反映的情况（编号 ${number}）已由负责干部签收，近期会上门了解情况。`;
    case 'verified':
      return `编号 ${number}：干部已上门核实情况，正在按程序研究认定。`;
    case 'included':
      return `编号 ${number}：已纳入防返贫监测，干部会和您一起商量帮扶措施。`;
    case 'not_included':
      return `编号 ${number}：经入户核实，暂不纳入监测。如情况有变化，可随时再反映或拨打 12317。`;
    case 'merged':
      return `编号 ${number}：已并入您家的另一件在办事项一起办理。`;
    case 'risk_removed':
      return `编号 ${number}：经帮扶，风险已消除，干部还会定期回访。`;
    default:
      return null;
  }
}
