import { DelayedError, type Job } from 'bullmq';
import { flushTaskCards } from '../src/domain/use-cases/flush-task-cards.js';
import type { CardBatchDeps } from '../src/domain/use-cases/route-task-cards.js';
import type { FlushTaskCardsData } from '../src/queue/jobs.js';

/**
 * Sends a cadre's held cards as one summary once none has joined for a while; until then the job waits
 * (delayed, no attempt used). Cards held while it ran are looked at again before it ends, since adding
 * its job id a second time while it runs adds nothing.
 */
export function flushTaskCardsJob(deps: CardBatchDeps) {
  return async (job: Job<FlushTaskCardsData>, token?: string) => {
    let out = await flushTaskCards(deps, job.data.cadre, new Date());
    if (!('waitMs' in out)) {
      const again = await flushTaskCards(deps, job.data.cadre, new Date());
      if ('waitMs' in again) out = again;
    }
    if ('waitMs' in out && token) {
      await job.moveToDelayed(Date.now() + out.waitMs, token);
      throw new DelayedError();
    }
    return out;
  };
}
