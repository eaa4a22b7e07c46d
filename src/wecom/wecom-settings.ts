import { randomBytes } from 'node:crypto';
import type { Config } from '../config.js';
import type { CallbackKeys } from './callback-crypto.js';

export interface WecomSettings {
  apiBase: string;
  corpId: string;
  agentId: number;
  secret: string;
  kfSecret?: string;
  keys: CallbackKeys;
}

/** Production settings from config; in simulator mode, made-up ones shared with the in-process fake. */
export function wecomSettings(config: Config): WecomSettings {
  if (!config.simulator) {
    return {
      apiBase: config.WECOM_API_BASE ?? 'https://qyapi.weixin.qq.com',
      corpId: config.WECOM_CORP_ID!,
      agentId: config.WECOM_AGENT_ID!,
      secret: config.WECOM_SECRET!,
      ...(config.WECOM_KF_SECRET ? { kfSecret: config.WECOM_KF_SECRET } : {}),
      keys: { token: config.WECOM_TOKEN!, aesKey: config.WECOM_AES_KEY!, corpId: config.WECOM_CORP_ID! },
    };
  }
  const corpId = 'ww-shouwang-sim';
  return {
    apiBase: '',
    corpId,
    agentId: 1000002,
    secret: randomBytes(16).toString('hex'),
    keys: { token: randomBytes(8).toString('hex'), aesKey: randomBytes(32).toString('base64').slice(0, 43), corpId },
  };
}
