/**
 * Group commit: calls made in the same tick, or while the flushes in flight are all busy, are gathered
 * and written together by one flush, so 50 concurrent requests cost a few INSERTs and Redis round trips
 * instead of 50. Up to `maxInFlight` flushes run at once (a pool has more than one connection), so a
 * caller waits for about one flush rather than for the one before it too. Each caller gets its own
 * result, or its flush's error. With `retryAlone`, a flush of several items that fails is tried again
 * one item at a time, so an item that cannot be written fails by itself and holds back none of the
 * others (for writes whose failure is about the data; not for an outage, where it would only multiply
 * the waiting).
 */
export function groupCommit<T, R>(
  flush: (items: T[]) => Promise<R[]>,
  { maxItems = 500, maxInFlight = 1, retryAlone = false } = {},
): (item: T) => Promise<R> {
  const queue: Array<{ item: T; resolve(r: R): void; reject(e: unknown): void }> = [];
  let inFlight = 0;
  let scheduled = false;

  // The next flush starts on the next tick, so callers arriving in this tick join it.
  const schedule = () => {
    if (scheduled || inFlight >= maxInFlight || !queue.length) return;
    scheduled = true;
    setImmediate(() => void run());
  };

  const run = async () => {
    scheduled = false;
    const batch = queue.splice(0, maxItems);
    inFlight++;
    schedule(); // more than maxItems waiting: the rest start now if a slot is free
    try {
      const results = await flush(batch.map((b) => b.item));
      for (const [i, b] of batch.entries()) b.resolve(results[i]!);
    } catch (err) {
      if (!retryAlone || batch.length === 1) for (const b of batch) b.reject(err);
      else
        await Promise.all(
          batch.map((b) =>
            flush([b.item]).then(
              ([r]) => b.resolve(r!),
              (e: unknown) => b.reject(e),
            ),
          ),
        );
    } finally {
      inFlight--;
      schedule();
    }
  };

  return (item) =>
    new Promise<R>((resolve, reject) => {
      queue.push({ item, resolve, reject });
      schedule();
    });
}
