import { describe, expect, it } from 'vitest';
import { readCampaignForm } from '../../src/domain/campaign/campaign-form.js';
import { campaignNotice, outstandingText } from '../../src/domain/campaign/campaign-notice.js';
import { readScreeningAnswer } from '../../src/domain/campaign/campaign.js';
import { parseResultsTable } from '../../src/domain/campaign/results-table.js';
import { parseCommand } from '../../src/domain/cadre/parse-command.js';

const TZ = 'Asia/Shanghai';

describe('集中排查 rules', () => {
  it('reads a cadre answer: 无 and its ways are nothing found, anything else is what was found', () => {
    expect(readScreeningAnswer('无')).toEqual({ result: 'none', note: '' });
    expect(readScreeningAnswer('无风险，家里都好')).toEqual({ result: 'none', note: '家里都好' });
    expect(readScreeningAnswer('没有')).toEqual({ result: 'none', note: '' });
    expect(readScreeningAnswer('正常')).toEqual({ result: 'none', note: '' });
    expect(readScreeningAnswer('未发现新增风险')).toEqual({ result: 'none', note: '' });
    expect(readScreeningAnswer('没有收入了')).toEqual({ result: 'risk', note: '没有收入了' });
    expect(readScreeningAnswer('无业在家，孩子辍学')).toEqual({ result: 'risk', note: '无业在家，孩子辍学' });
    expect(readScreeningAnswer('孩子辍学 房子漏雨').result).toBe('risk');
  });

  it('parses 排查 commands: a household and its result, or the list', () => {
    expect(parseCommand('排查 H0000025 无')).toEqual({ kind: 'screening', household: 'H0000025', answer: '无' });
    expect(parseCommand('排查：张三，孩子辍学 房子漏雨')).toEqual({
      kind: 'screening',
      household: '张三',
      answer: '孩子辍学 房子漏雨',
    });
    expect(parseCommand('排查')).toEqual({ kind: 'screening_list' });
    expect(parseCommand('待排查')).toEqual({ kind: 'screening_list' });
    expect(parseCommand('排查 H0000025')).toMatchObject({ kind: 'invalid' });
  });

  it('reads the results sheet: bad rows by line, blanks left alone, duplicates keep the first', () => {
    const table = {
      headers: ['户编号', '户主姓名', '排查结果', '情况说明'],
      rows: [
        { row: 2, cells: ['H1', '甲', '无风险', ''] },
        { row: 3, cells: ['H2', '乙', '', ''] },
        { row: 4, cells: ['H3', '丙', '发现风险', '孩子辍学'] },
        { row: 5, cells: ['H4', '丁', '发现风险', ''] },
        { row: 6, cells: ['H5', '戊', '也许', ''] },
        { row: 7, cells: ['H1', '甲', '发现风险', '房子漏雨'] },
        { row: 8, cells: ['', '', '无', ''] },
        { row: 9, cells: ['H6', '', '', '房子漏雨'] },
      ],
    };
    const out = parseResultsTable(table);
    if ('missing' in out) throw new Error('columns');
    expect(out.rows.map((r) => [r.row, r.householdId, r.answer.result])).toEqual([
      [2, 'H1', 'none'],
      [4, 'H3', 'risk'],
    ]);
    expect(out.blank).toBe(1);
    expect(out.errors.map((e) => e.row)).toEqual([5, 6, 7, 8, 9]);
    expect(out.errors[2]!.reason).toBe('户编号 H1 与第2行重复，只按第一行记录。');
    expect(parseResultsTable({ headers: ['户号'], rows: [] })).toEqual({ missing: ['排查结果'] });
  });

  it('reads the start form and refuses what cannot be a campaign', () => {
    const ok = readCampaignForm({ name: ' 冬季排查 ', deadline: '2026-12-15', village: ['T1V01'], kind: ['lifted'] });
    expect(ok).toEqual({
      ok: true,
      input: {
        name: '冬季排查',
        deadline: '2026-12-15',
        scope: { townships: [], villages: ['T1V01'], kinds: ['lifted'] },
      },
    });
    expect(readCampaignForm({ name: 'x', deadline: '2026-02-30', kind: 'lifted' })).toEqual({
      ok: false,
      error: '截止日期不是有效的日期，请重新选择。',
    });
    expect(readCampaignForm({ name: '', deadline: '2026-12-15', kind: 'lifted' })).toMatchObject({ ok: false });
  });

  it('writes one notice per cadre that fits one WeCom message however many households', () => {
    const households = Array.from({ length: 300 }, (_, i) => ({
      householdId: `H${String(i).padStart(7, '0')}`,
      headName: '王永华',
      villageName: i < 200 ? '石岭村' : '龙潭村',
    }));
    const deadline = new Date('2026-12-15T16:00:00Z'); // the end of 12月15日 in Shanghai
    const text = campaignNotice({ name: '冬季排查', deadline }, households, TZ);
    expect(new TextEncoder().encode(text).length).toBeLessThanOrEqual(2048);
    expect(text).toContain('12月15日 前逐户排查您负责的 300 户（石岭村 200 户、龙潭村 100 户）');
    expect(text).toMatch(/……另有 \d+ 行未列出\n发送「排查」/);
    expect(outstandingText([], TZ)).toContain('没有待排查的农户');
  });
});
