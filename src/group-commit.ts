/**
 * Group commit: calls made while a flush is running (or within the same tick) are gathered and
 * written together by one flush, so 50 concurrent requests cost one INSERT and one Redis round trip
 * instead of 50. Each caller gets its own result, or the flush's error.
 */
export function groupCommit<T, R>(flush: (items: T[]) => Promise<R[]>, { maxItems = 500 } = {}): (item: T) => Promise<R> {
  let queue: Array<{ item: T; resolve(r: R): void; reject(e: unknown): void }> = [];
  let running = false;

  const run = async () => {
    running = true;
    while (queue.length) {
      const batch = queue.slice(0, maxItems);
      queue = queue.slice(batch.length);
      try {
        const results = await flush(batch.map((b) => b.item));
        batch.forEach((b, i) => b.resolve(results[i]!));
      } catch (err) {
        for (const b of batch) b.reject(err);
      }
    }
    running = false;
  };

  return (item) => new Promise<R>((resolve, reject) => {
    queue.push({ item, resolve, reject });
    // The first caller starts a flush on the next tick, so callers arriving in this tick join it.
    if (!running) {
      running = true;
      setImmediate(() => void run());
    }
  });
}
