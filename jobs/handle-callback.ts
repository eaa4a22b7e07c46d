import type { Job } from 'bullmq';
import { pullKfMessages, type PullKfDeps } from '../src/intake/pull-kf-messages.js';
import type { Logger } from '../src/logger.js';
import type { HandleCallbackData } from '../src/queue/jobs.js';
import type { Db } from '../src/store/db.js';
import type { InboundMessage } from '../src/wecom/inbound-message.js';

export interface HandleCallbackDeps extends PullKfDeps {
  db: Db;
  logger: Logger;
}

/** Routes a stored WeCom callback: 微信客服 events pull the new messages; the rest is logged until handled. */
export function handleCallbackJob(deps: HandleCallbackDeps) {
  return async (job: Job<HandleCallbackData>) => {
    const { rows } = await deps.db.query<{ payload: InboundMessage }>('SELECT payload FROM inbox WHERE id = $1', [job.data.inboxId]);
    const message = rows[0]?.payload;
    if (!message) return { status: 'missing' };
    if (message.type === 'kf_event') {
      const stored = await pullKfMessages(deps, message.OpenKfId, message.Token);
      return { status: 'pulled', stored };
    }
    deps.logger.info({ inboxId: job.data.inboxId, type: message.type }, 'callback stored; no handler for this type yet');
    return { status: 'ignored', type: message.type };
  };
}
