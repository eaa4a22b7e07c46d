import { z } from 'zod';
import { SIM_IDENTITY_RE } from './sim-identity.js';

/** What the simulator's API takes: who acts, and what they write or press. */
const As = z.string().regex(SIM_IDENTITY_RE, '身份格式为 villager:户号 或 cadre:账号');

export const SimSayInput = z.object({
  as: As,
  text: z.string().trim().min(1, '请输入内容').max(1000, '一条消息最多 1000 字'),
});

export const SimPressInput = z.object({
  as: As,
  taskId: z.string().regex(/^[A-Za-z0-9_@-]{1,128}$/, '卡片编号不对'),
  key: z.string().regex(/^[a-z_]{1,32}$/, '按钮不对'),
  label: z.string().max(20).optional(),
});

export const SimResetInput = z.object({ as: As });
