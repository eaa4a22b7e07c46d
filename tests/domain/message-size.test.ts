import { describe, expect, it } from 'vitest';
import { fitLines, utf8Length } from '../../src/domain/message-size.js';

describe('message size', () => {
  it('counts UTF-8 bytes as TextEncoder encodes them, without encoding', () => {
    const encoder = new TextEncoder();
    for (const t of [
      '',
      'abc',
      'é£',
      '张大山户（河口村）',
      '【守望提醒】您有 3 项任务待签收。',
      '🏠 户',
      'a\ud800b',
      '\udc00',
      'x\ud83c',
    ])
      expect([t, utf8Length(t)]).toEqual([t, encoder.encode(t).length]);
  });

  it('keeps whole lines within the limit and counts the rest', () => {
    const lines = Array.from({ length: 200 }, (_, i) => `${i + 1}. 张大山户（河口村），应于 1月5日 10:00 前入户走访。`);
    const text = fitLines(lines, '回复「我的任务」可查看全部任务。');
    expect(new TextEncoder().encode(text).length).toBeLessThanOrEqual(2048);
    const kept = text.split('\n').filter((l) => /^\d+\. /.test(l)).length;
    expect(text).toContain(`……另有 ${200 - kept} 行未列出`);
    expect(text.endsWith('回复「我的任务」可查看全部任务。')).toBe(true);
  });
});
