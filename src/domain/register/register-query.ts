import { z } from 'zod';
import { REGISTER_STATES } from './register.js';

const blank = (v: unknown) => (v === '' ? undefined : v);
const opt = <T extends z.ZodType>(schema: T) => z.preprocess(blank, schema.optional());
const place = z.string().regex(/^[A-Za-z0-9_-]{1,40}$/, '地点编号只含字母、数字、-、_');

/** The register's filters: an empty field means "any". */
export const RegisterQuerySchema = z.object({
  township: opt(place),
  village: opt(place),
  category: opt(
    z.enum(['unstable', 'edge', 'sudden'], { message: '类别只能是脱贫不稳定户、边缘易致贫户或突发严重困难户' }),
  ),
  state: opt(z.enum(REGISTER_STATES, { message: '状态只能是风险未消除或风险已消除' })),
});

export const HouseholdIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, '户号只含字母、数字、-、_');

/** 村级公示: the village, 公示 or 结果公告 (with its month), and who takes objections. */
export const NoticeQuerySchema = z.object({
  village: opt(place),
  kind: z.preprocess(blank, z.enum(['notice', 'result'], { message: '类型只能是公示或结果公告' }).default('notice')),
  month: opt(z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份格式为 2026-11')),
  person: z.preprocess(blank, z.string().trim().max(20, '联系人不超过 20 个字').default('')),
  phone: z.preprocess(
    blank,
    z
      .string()
      .trim()
      .regex(/^[0-9-]{0,20}$/, '联系电话只含数字和 -')
      .default(''),
  ),
});
