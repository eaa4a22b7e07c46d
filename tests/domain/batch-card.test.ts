import { describe, expect, it } from 'vitest';
import { batchCard, batchIdOfCard, batchOrder, batchTitle } from '../../src/domain/cadre/batch-card.js';
import type { BatchItem } from '../../src/domain/ports/card-batches.js';

const item = (n: number, extra: Partial<BatchItem> = {}): BatchItem => ({
  taskId: n,
  caseNumber: `SW2026${String(n).padStart(6, '0')}`,
  caseState: 'assigned',
  taskState: 'open',
  green: false,
  score: 0,
  headName: `户主${n}`,
  villageName: '石岭村',
  source: '医保局',
  ackDueAt: new Date(Date.UTC(2026, 11, 2, n % 24)),
  ...extra,
});
const fields = (card: Record<string, unknown>) =>
  Object.fromEntries(
    (card.horizontal_content_list as Array<{ keyname: string; value: string }>).map((f) => [f.keyname, f.value]),
  );

describe('summary card', () => {
  it('names the department and the 绿色通道 count, lists green first with the last 4 digits, offers 批量签收', () => {
    const items = [item(1), item(2, { green: true }), item(3, { score: 72 })];
    const card = batchCard({ batchId: 7, cadre: 'u1', items, lastStep: null }, 'Asia/Shanghai');
    expect(card.task_id).toBe('sw-batch-7');
    expect((card.main_title as { title: string }).title).toBe('医保局预警 3 户，其中 1 户绿色通道');
    expect((card.quote_area as { quote_text: string }).quote_text.split('\n')).toEqual([
      '【绿色通道】0002 户主2户（石岭村） 待签收',
      '【预警72分】0003 户主3户（石岭村） 待签收',
      '0001 户主1户（石岭村） 待签收',
    ]);
    expect(fields(card)['状态']).toBe('3 户待签收');
    expect((card.button_list as Array<{ key: string }>).map((b) => b.key)).toEqual(['batch-ack', 'batch-all']);
  });

  it('drops 批量签收 once nothing waits, says who did it, and cuts a long list with a pointer to 查看全部', () => {
    const items = Array.from({ length: 60 }, (_, i) => item(i + 1, { caseState: 'acknowledged' }));
    const at = new Date('2026-12-01T02:05:00Z');
    const card = batchCard(
      { batchId: 8, cadre: 'u1', items, lastStep: { name: '黄兰', at, what: '批量签收 60 户' } },
      'Asia/Shanghai',
    );
    expect(fields(card)).toMatchObject({ 状态: '已全部签收', 最近办理: '黄兰 12月1日 10:05 批量签收 60 户' });
    expect((card.button_list as Array<{ key: string }>).map((b) => b.key)).toEqual(['batch-all']);
    const quote = (card.quote_area as { quote_text: string }).quote_text;
    expect(quote.length).toBeLessThanOrEqual(520);
    expect(quote).toMatch(/……另有 \d+ 户，请点「查看全部」。$/);
  });

  it('calls a mixed burst 新预警, orders by work order, and reads its card ids back', () => {
    expect(batchTitle([item(1), item(2, { source: '民政局' })])).toBe('新预警 2 户');
    expect(batchOrder([item(5), item(4), item(6, { green: true })]).map((i) => i.taskId)).toEqual([6, 4, 5]);
    expect(batchIdOfCard('sw-batch-12')).toBe(12);
    expect(batchIdOfCard('sw-batch-12-r99')).toBe(12);
    expect(batchIdOfCard('sw-task-12')).toBeNull();
  });
});
