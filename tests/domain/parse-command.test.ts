import { describe, expect, it } from 'vitest';
import { helpOn } from '../../src/domain/cadre/command-usage.js';
import { WECOM_MESSAGE_BYTES } from '../../src/domain/message-size.js';
import { HELP_TEXT, incomeEstimate, parseCommand, USAGE } from '../../src/domain/cadre/parse-command.js';
import { PROCEDURE_USAGE } from '../../src/domain/cadre/procedure-command.js';

const N = 'SW2026000123';

describe('cadre text commands', () => {
  it.each([
    ['我的任务', { kind: 'my_tasks' }],
    [' 我的任务 ', { kind: 'my_tasks' }],
    ['帮助', { kind: 'help' }],
    ['帮助 签收', { kind: 'help', topic: '签收' }],
    ['帮助帮扶', { kind: 'help', topic: '帮扶' }],
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
    [`纳入 ${N} 突发严重困难户`, { kind: 'include', number: N, monitoringKind: 'sudden', override: null }],
    [`纳入 ${N} 边缘易致贫户`, { kind: 'include', number: N, monitoringKind: 'edge', override: null }],
    [`纳入 ${N} 脱贫不稳定户`, { kind: 'include', number: N, monitoringKind: 'unstable', override: null }],
    [`纳入，${N}，边缘`, { kind: 'include', number: N, monitoringKind: 'edge', override: null }],
    [`不纳入 ${N} 收入高于监测线`, { kind: 'exclude', number: N, reason: '收入高于监测线' }],
    [
      `帮扶 ${N} 申请医疗救助，安排护林员公益岗`,
      { kind: 'assist', number: N, measure: '申请医疗救助，安排护林员公益岗' },
    ],
    [`消除 ${N}`, { kind: 'remove_risk', number: N, mode: 'assisted' }],
    [`消除 ${N} 自然消除`, { kind: 'remove_risk', number: N, mode: 'natural' }],
    [
      `纳入 ${N} 边缘易致贫户 理由：刚脱离低保，收入不稳`,
      { kind: 'include', number: N, monitoringKind: 'edge', override: '刚脱离低保，收入不稳' },
    ],
    [
      `评议 ${N} 通过 参加12人 2026-12-02 村民代表一致同意`,
      {
        kind: 'proc_review',
        number: N,
        passed: true,
        heldOn: '2026-12-02',
        participants: '12人',
        count: 12,
        minutes: '村民代表一致同意',
      },
    ],
    [
      `评议 ${N} 不通过 到会9名`,
      { kind: 'proc_review', number: N, passed: false, heldOn: null, participants: '9人', count: 9, minutes: '' },
    ],
    [`异议 ${N} 邻居说他家在城里有房`, { kind: 'proc_objection', number: N, text: '邻居说他家在城里有房' }],
    [`异议处理 ${N} 1 经核实房已卖`, { kind: 'proc_resolve', number: N, index: 1, resolution: '经核实房已卖' }],
    [`通过 ${N}`, { kind: 'proc_pass', number: N, note: '' }],
    [`通过 ${N} 同意纳入`, { kind: 'proc_pass', number: N, note: '同意纳入' }],
    [`不通过 ${N} 收入超标`, { kind: 'proc_reject', number: N, reason: '收入超标' }],
    [`退回 ${N} 公示照片不清`, { kind: 'proc_return', number: N, reason: '公示照片不清' }],
    [`程序 ${N}`, { kind: 'proc_status', number: N }],
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
    [`消除 ${N} 随便`, USAGE.remove_risk],
    [`评议 ${N} 通过`, PROCEDURE_USAGE.proc_review], // no participants
    [`退回 ${N}`, PROCEDURE_USAGE.proc_return], // no reason
    [`不通过 ${N}`, PROCEDURE_USAGE.proc_reject],
    [`异议处理 ${N} 没有序号`, PROCEDURE_USAGE.proc_resolve],
    ['通过', PROCEDURE_USAGE.proc_pass],
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

describe('帮助', () => {
  const bytes = (t: string) => new TextEncoder().encode(t).length;
  const lines = [...Object.values(USAGE), ...Object.values(PROCEDURE_USAGE)];

  it('fits one WeCom message and names every command', () => {
    expect(bytes(HELP_TEXT)).toBeLessThanOrEqual(WECOM_MESSAGE_BYTES);
    for (const line of lines) expect(HELP_TEXT).toContain(line.split(/[\s（：]/)[0]);
  });

  it('gives one command its usage, and every answer fits one message', () => {
    expect(helpOn('转交')).toBe(USAGE.transfer);
    expect(helpOn('签收').split('\n')).toEqual([USAGE.acknowledge, USAGE.acknowledge_batch]);
    expect(helpOn('排查')).toContain(USAGE.screening);
    expect(helpOn('排查')).toContain('周排查');
    for (const line of lines)
      expect(bytes(helpOn(line.split(/[\s（：]/)[0]!))).toBeLessThanOrEqual(WECOM_MESSAGE_BYTES);
  });

  it('says so when no command has that name, and lists the commands', () => {
    expect(helpOn('吃饭')).toMatch(/^没有「吃饭」这条指令。\n守望·干部指令/);
  });
});
