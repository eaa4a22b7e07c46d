import { describe, expect, it } from 'vitest';
import { incomeEstimate, parseCommand, USAGE } from '../../src/domain/cadre/parse-command.js';

const N = 'SW2026000123';

describe('cadre text commands', () => {
  it.each([
    ['我的任务', { kind: 'my_tasks' }],
    [' 我的任务 ', { kind: 'my_tasks' }],
    ['帮助', { kind: 'help' }],
    [`签收 ${N}`, { kind: 'acknowledge', number: N }],
    [`签收${N}`, { kind: 'acknowledge', number: N }],
    ['签收　ＳＷ２０２６０００１２３', { kind: 'acknowledge', number: N }], // full-width letters, digits and space
    ['签收：sw2026000123', { kind: 'acknowledge', number: N }],
    ['签收 2026000123', { kind: 'acknowledge', number: N }],
    ['签收 2', { kind: 'acknowledge', number: '2' }], // position in 我的任务
    ['签收 0123', { kind: 'acknowledge', number: '0123' }], // last 4 digits
    ['核实 3已入户，属实', { kind: 'verify', number: '3', note: '已入户，属实', income: null }],
    ['合并 0124 0123', { kind: 'merge', number: '0124', into: '0123' }],
    [
      `核实 ${N} 已入户，住院花了3万，人均收入约6500元`,
      { kind: 'verify', number: N, note: '已入户，住院花了3万，人均收入约6500元', income: 6500 },
    ],
    [`核实  ${N}   情况属实`, { kind: 'verify', number: N, note: '情况属实', income: null }],
    [`纳入 ${N} 突发严重困难户`, { kind: 'include', number: N, monitoringKind: 'sudden' }],
    [`纳入 ${N} 边缘易致贫户`, { kind: 'include', number: N, monitoringKind: 'edge' }],
    [`纳入 ${N} 脱贫不稳定户`, { kind: 'include', number: N, monitoringKind: 'unstable' }],
    [`纳入，${N}，边缘`, { kind: 'include', number: N, monitoringKind: 'edge' }],
    [`不纳入 ${N} 收入高于监测线`, { kind: 'exclude', number: N, reason: '收入高于监测线' }],
    [
      `帮扶 ${N} 申请医疗救助，安排护林员公益岗`,
      { kind: 'assist', number: N, measure: '申请医疗救助，安排护林员公益岗' },
    ],
    [`消除 ${N}`, { kind: 'remove_risk', number: N }],
    [`回头看 ${N} 收入稳定，孩子已复学`, { kind: 'review', number: N, note: '收入稳定，孩子已复学' }],
    [`协助 ${N} 需要民政协调临时救助`, { kind: 'request_help', number: N, note: '需要民政协调临时救助' }],
    [`需要协助 ${N}`, { kind: 'request_help', number: N, note: '' }],
    [`转交 ${N} 李四`, { kind: 'transfer', number: N, to: '李四' }],
    [`合并 ${N} sw2026000124`, { kind: 'merge', number: N, into: 'SW2026000124' }],
    [
      '走访 张三 家里都好，人均纯收入1.2万',
      { kind: 'visit', visitKind: 'visit', household: '张三', note: '家里都好，人均纯收入1.2万', income: 12000 },
    ],
    [
      '电话：H0001 已电话联系，低保已到账',
      { kind: 'visit', visitKind: 'call', household: 'H0001', note: '已电话联系，低保已到账', income: null },
    ],
  ])('%s', (text, expected) => {
    expect(parseCommand(text)).toEqual(expected);
  });

  it.each([
    ['签收', USAGE.acknowledge],
    ['签收 abc', USAGE.acknowledge],
    ['签收 SW20260001234', USAGE.acknowledge], // one digit too many
    ['签收 12345', USAGE.acknowledge], // neither a position, 4 digits nor a whole number
    ['核实 202600012 已入户', USAGE.verify], // a number missing a digit is not read as its first 4
    [`签收 ${N} 多余的话`, USAGE.acknowledge],
    [`纳入 ${N}`, USAGE.include],
    [`纳入 ${N} 贫困户`, USAGE.include], // not one of the three kinds
    [`不纳入 ${N}`, USAGE.exclude],
    [`帮扶 ${N}`, USAGE.assist],
    [`转交 ${N}`, USAGE.transfer],
    [`合并 ${N} 张三`, USAGE.merge],
    ['走访 张三', USAGE.visit],
    ['走访', USAGE.visit],
  ])('"%s" gets its usage line', (text, usage) => {
    expect(parseCommand(text)).toEqual({ kind: 'invalid', usage });
  });

  it.each(['你好', '签收了吗', '今天开会', ''])('"%s" is unknown (answered with the help)', (text) => {
    expect(parseCommand(text)).toEqual({ kind: 'unknown' });
  });

  it.each([
    ['人均收入约6500元', 6500],
    ['人均纯收入 8,200 元', 8200],
    ['年人均纯收入为1.05万', 10500],
    ['住院花了3万', null],
  ])('income in "%s"', (text, income) => {
    expect(incomeEstimate(text)).toBe(income);
  });
});
