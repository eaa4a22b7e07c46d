import { describe, expect, it } from 'vitest';
import { describeTimeline, mentionedUserids, sourceLabel } from '../../src/domain/cases/describe-timeline.js';
import type { AuditRow } from '../../src/domain/ports/console.js';

const at = new Date('2026-11-30T02:00:00Z');
const row = (r: Partial<AuditRow>): AuditRow => ({
  at,
  actor: 'system',
  actorName: null,
  actorRole: null,
  action: 'open-case',
  fromState: null,
  toState: null,
  note: '',
  source: null,
  ...r,
});
const names = new Map([
  ['hs-1', { name: '黄帮扶', role: 'helper' }],
  ['bc-1', { name: '李包村', role: 'village' }],
]);

/** 办理经过 in words: who acted, what they did, to whom it went — never task numbers, inbox ids or match codes. */
describe('describeTimeline', () => {
  const rows = [
    row({ action: 'open-case', toState: 'reported', note: 'inbox 3; unmatched', source: 'dept:医保局' }),
    row({ action: 'assign', fromState: 'reported', toState: 'assigned', note: 'helper: hs-1, task 13' }),
    row({ action: 'merge-signal', note: 'inbox 9', source: 'kf' }),
    row({ actor: 'hs-1', action: 'acknowledge', fromState: 'assigned', toState: 'acknowledged', note: '' }),
    row({ actor: 'hs-1', action: 'transfer', note: 'task 13 → 14: bc-1' }),
    row({ actor: 'console:县级（全部乡镇）', action: 'link', note: 'H0000123 王五户（控制台）；原户 无；候选 无' }),
    row({ actor: 'hs-1', action: 'refused', note: '无权办理: verify' }),
    row({ actor: 'console:青山镇', action: 'note', note: '户主电话 13812345678 打不通' }),
    row({ actor: 'bc-1', action: 'procedure-pass', fromState: '民主评议', toState: '公示', note: '评议通过' }),
  ];
  const lines = describeTimeline(rows, names);

  it('names the source, the people and the household in words', () => {
    expect(lines.map((l) => [l.who, l.what, l.detail])).toEqual([
      ['系统', '上报立案', '来自医保局（部门预警）；未匹配到农户，由包村干部核实'],
      ['系统', '派发', '派给帮扶责任人黄帮扶'],
      ['系统', '合并一条新信号', '来自村民（微信客服）'],
      ['帮扶责任人黄帮扶', '签收', ''],
      ['帮扶责任人黄帮扶', '转交', '转给包村干部李包村'],
      ['县级（全部乡镇）（控制台）', '关联农户', '王五户（户号 H0000123）'],
      ['帮扶责任人黄帮扶', '未能办理（无权办理）', '无权办理「入户核实」'],
      ['青山镇（控制台）', '备注', expect.not.stringContaining('13812345678')],
      ['包村干部李包村', '程序：通过', '评议通过'],
    ]);
    expect(lines.map((l) => l.change)).toEqual([
      '→ 已上报',
      '已上报 → 待签收',
      null,
      '待签收 → 已签收',
      null,
      null,
      null,
      null,
      '民主评议 → 公示',
    ]);
    expect(lines.map((l) => l.detail).join('\n')).not.toMatch(/inbox|task \d|unmatched|hs-1|bc-1/);
  });

  it('asks for the names of every cadre acting or handed a task', () => {
    expect(mentionedUserids(rows).sort()).toEqual(['bc-1', 'hs-1']);
  });

  it('labels where reports come from, and keeps an unknown source as it is', () => {
    expect(sourceLabel('dept:教育局')).toBe('教育局（部门预警）');
    expect(sourceLabel('hotline')).toBe('12317 热线');
    expect(sourceLabel('partner-x')).toBe('partner-x');
    expect(sourceLabel(null)).toBe('');
  });
});
