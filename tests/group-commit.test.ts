import { describe, expect, it } from 'vitest';
import { groupCommit } from '../src/group-commit.js';

describe('group commit', () => {
  it('writes calls made together in one flush and answers each caller with its own result', async () => {
    const flushes: number[][] = [];
    const write = groupCommit(async (items: number[]) => {
      flushes.push(items);
      await new Promise((r) => setTimeout(r, 5));
      return items.map((i) => i * 10);
    });
    const first = await Promise.all([1, 2, 3].map(write));
    expect(first).toEqual([10, 20, 30]);
    expect(flushes).toEqual([[1, 2, 3]]);
    // Calls arriving while a flush runs wait for the next one, together.
    const a = write(4);
    await new Promise((r) => setImmediate(r));
    const rest = [write(5), write(6)];
    expect(await Promise.all([a, ...rest])).toEqual([40, 50, 60]);
    expect(flushes).toEqual([[1, 2, 3], [4], [5, 6]]);
  });

  it('caps a flush at maxItems and gives every caller of a failed flush its error', async () => {
    const sizes: number[] = [];
    const write = groupCommit(
      async (items: number[]) => {
        sizes.push(items.length);
        if (items.includes(13)) throw new Error('unlucky batch');
        return items;
      },
      { maxItems: 4 },
    );
    const results = await Promise.allSettled(Array.from({ length: 10 }, (_, i) => write(i + 8)));
    expect(sizes).toEqual([4, 4, 2]);
    expect(results.map((r) => r.status)).toEqual([
      'fulfilled',
      'fulfilled',
      'fulfilled',
      'fulfilled',
      'rejected',
      'rejected',
      'rejected',
      'rejected',
      'fulfilled',
      'fulfilled',
    ]);
  });

  it('runs up to maxInFlight flushes at once: a caller does not wait for the flush before its own', async () => {
    const started: number[][] = [];
    const finish: Array<() => void> = [];
    const write = groupCommit(
      async (items: number[]) => {
        started.push(items);
        await new Promise<void>((r) => finish.push(r));
        return items;
      },
      { maxInFlight: 2 },
    );
    const tick = () => new Promise((r) => setImmediate(r));
    const a = write(1);
    await tick();
    const b = [write(2), write(3)];
    await tick();
    const c = write(4); // both slots busy: waits
    await tick();
    expect(started).toEqual([[1], [2, 3]]);
    finish[1]!();
    expect(await Promise.all(b)).toEqual([2, 3]);
    await tick();
    expect(started).toEqual([[1], [2, 3], [4]]);
    finish[0]!();
    finish[2]!();
    expect(await Promise.all([a, c])).toEqual([1, 4]);
  });

  it('with retryAlone, tries a failed flush again item by item, so only the bad item fails', async () => {
    const flushes: number[][] = [];
    const write = groupCommit(
      async (items: number[]) => {
        flushes.push(items);
        if (items.includes(13)) throw new Error('cannot store 13');
        return items.map((i) => i * 10);
      },
      { retryAlone: true },
    );
    const results = await Promise.allSettled([11, 12, 13, 14].map(write));
    expect(results.map((r) => (r.status === 'fulfilled' ? r.value : (r.reason as Error).message))).toEqual([
      110,
      120,
      'cannot store 13',
      140,
    ]);
    expect(flushes).toEqual([[11, 12, 13, 14], [11], [12], [13], [14]]);
  });
});
