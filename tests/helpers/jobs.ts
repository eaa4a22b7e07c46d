import type { Queue } from 'bullmq';

/** Polls until `ok` holds (every 50 ms, 15 s by default); fails naming what it waited for. */
export async function until(what: string, ok: () => Promise<boolean> | boolean, tries = 300): Promise<void> {
  for (let i = 0; i < tries; i++) {
    if (await ok()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/**
 * Adds a job to a queue of the running service and waits for its workers to finish it: its return value,
 * or the failure's reason thrown as an error.
 */
export async function runJob<R = unknown>(queue: Queue, name: string, data: object, jobId?: string): Promise<R> {
  const job = await queue.add(name, data, jobId ? { jobId } : {});
  let done: { finishedOn?: number; failedReason?: string; returnvalue: unknown } | undefined;
  await until(`job ${name} ${job.id} to finish`, async () => {
    const j = await queue.getJob(job.id!);
    if (j?.finishedOn) done = j;
    return Boolean(done);
  });
  if (done!.failedReason) throw new Error(done!.failedReason);
  return done!.returnvalue as R;
}

/** What a message the fake WeCom got says (text or markdown). */
export const contentOf = (body: Record<string, unknown>) =>
  (body.text as { content?: string } | undefined)?.content ??
  (body.markdown as { content?: string } | undefined)?.content ??
  '';
