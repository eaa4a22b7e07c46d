import { z } from 'zod';
import { DEPT_KINDS } from '../policy.js';
import type { Report } from '../triage/report.js';

const opt = z
  .string()
  .trim()
  .max(500)
  .optional()
  .transform((v) => (v ? v : undefined));

/** One department alert (预警名单 row), as JSON or one CSV row. */
export const AlertSchema = z
  .object({
    external_id: z.string({ error: 'external_id 必填' }).trim().min(1, 'external_id 不能为空').max(128),
    kind: z.enum(DEPT_KINDS, { error: `kind 须为 ${DEPT_KINDS.join(' / ')}` }),
    household_id: opt,
    id_number: opt,
    phone: opt,
    name: opt,
    village: opt,
    /** What else the row says about the person: it corroborates a name, never finds one alone. */
    group: opt,
    relation: opt,
    age: z
      .union([
        z.number(),
        z
          .string()
          .trim()
          .regex(/^\d{1,3}$/, 'age 须为整数（岁）')
          .transform(Number),
        z.literal(''),
      ])
      .optional()
      .transform((v) => (v === '' || v === undefined ? undefined : v))
      .pipe(z.number().int().min(0).max(120).optional()),
    phone_tail: opt.pipe(
      z
        .string()
        .regex(/^\d{4,8}$/, 'phone_tail 须为 4–8 位数字')
        .optional(),
    ),
    description: z.string().max(2000).optional().default(''),
    occurred_at: opt.pipe(
      z
        .string()
        .datetime({ offset: true, message: 'occurred_at 须为 ISO 8601 时间' })
        .or(z.string().date('occurred_at 须为日期'))
        .optional(),
    ),
    amount_yuan: z
      .union([
        z.number(),
        z
          .string()
          .trim()
          .regex(/^\d+(\.\d+)?$/, 'amount_yuan 须为数字')
          .transform(Number),
        z.literal('').transform(() => undefined),
      ])
      .optional()
      .pipe(z.number().nonnegative().max(1e9).optional()),
  })
  .refine((a) => a.household_id || a.id_number || a.phone || (a.name && a.village), {
    message: '须提供 household_id、id_number、phone 或 name + village 之一',
  });
export type Alert = z.infer<typeof AlertSchema>;

/** A department alert as triage sees it. */
export function alertToReport(a: Alert, department: string): Report {
  return {
    channel: a.kind === 'hotline' ? 'hotline' : a.kind === 'gov_app' ? 'gov_app' : 'department',
    reporter: department,
    text: a.description,
    kind: a.kind,
    amountYuan: a.amount_yuan ?? null,
    occurredAt: a.occurred_at ?? null,
    identity: {
      householdId: a.household_id ?? null,
      idNumber: a.id_number ?? null,
      phone: a.phone ?? null,
      name: a.name ?? null,
      village: a.village ?? null,
      group: a.group ?? null,
      relation: a.relation ?? null,
      age: a.age ?? null,
      phoneTail: a.phone_tail ?? null,
    },
  };
}
