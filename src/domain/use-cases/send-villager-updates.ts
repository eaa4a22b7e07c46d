import { flushVillagerUpdates, type FlushVillagerUpdatesDeps } from './flush-villager-updates.js';

export interface SendVillagerUpdatesDeps extends FlushVillagerUpdatesDeps {
  now(): Date;
  /** Queues the combined 微信客服 message; `key` makes it idempotent. */
  reply(externalUserid: string, openKfid: string, text: string, key: string): Promise<void>;
}

/** Sends a villager's waiting status updates as one message when the window allows (else they wait). */
export async function sendVillagerUpdates(deps: SendVillagerUpdatesDeps, externalUserid: string) {
  const out = await flushVillagerUpdates(deps, externalUserid, deps.now());
  if (out.status === 'send') await deps.reply(externalUserid, out.openKfid, out.text, out.key);
  return { status: out.status };
}
