import { z } from 'zod';
import { CASE_STATES } from '../cases/case-lifecycle.js';
import { RISK_TYPES } from '../policy.js';
import { CASE_SORTS, HOUSEHOLD_SORTS, ROLL_KINDS } from '../ports/console.js';
import type { ScreenedMeasure } from '../triage/screen-department-row.js';

/** The console's query strings and forms, parsed once: an empty field means "any", every error says what to type. */
const SCREENED_MEASURES = [
  'inpatient_self_paid',
  'outpatient_monthly',
  'schooling_self_paid',
  'income_per_capita',
] as const satisfies readonly ScreenedMeasure[];
const blank = (v: unknown) => (v === '' ? undefined : v);
const opt = <T extends z.ZodType>(schema: T) => z.preprocess(blank, schema.optional());
const place = z.string().regex(/^[A-Za-z0-9_-]{1,40}$/, '地点编号只含字母、数字、-、_');
const page = z.preprocess(blank, z.coerce.number().int().min(1).max(100_000).default(1));
const size = z.preprocess(
  blank,
  z.coerce
    .number()
    .int()
    .refine((n) => [20, 50, 100].includes(n), '每页只能是 20、50 或 100 条')
    .default(50),
);
const search = opt(z.string().trim().max(40, '搜索内容不超过 40 个字'));

export const PlaceQuery = z.object({ township: opt(place), village: opt(place) });

export const CaseQuerySchema = PlaceQuery.extend({
  q: search,
  type: opt(z.enum(RISK_TYPES)),
  urgency: opt(z.enum(['green', 'normal'])),
  state: opt(z.enum(CASE_STATES)),
  overdue: z.preprocess(blank, z.literal('1').optional()).transform((v) => v === '1'),
  sort: z.preprocess(blank, z.enum(CASE_SORTS, { message: '排序方式不在可选范围内' }).default('newest')),
  page,
  size,
}).transform(({ size: pageSize, ...rest }) => ({ ...rest, pageSize }));

export const HouseholdQuerySchema = PlaceQuery.extend({
  q: search,
  status: opt(z.enum(['ordinary', 'lifted', 'monitored'])),
  sort: z.preprocess(blank, z.enum(HOUSEHOLD_SORTS, { message: '排序方式不在可选范围内' }).default('id')),
  page,
  size,
}).transform(({ size: pageSize, ...rest }) => ({ ...rest, pageSize }));

export const ScreenedQuerySchema = PlaceQuery.extend({
  department: opt(z.string().max(60, '部门名称不超过60个字')),
  measure: opt(z.enum(SCREENED_MEASURES, { message: '指标不在可选范围内' })),
});

export const ComplianceQuerySchema = z.object({
  township: opt(place),
  week: opt(z.string().regex(/^\d{4}-\d\d-\d\d$/, '日期格式为 2026-11-23')),
});

export const CaseNumber = z.string().regex(/^SW\d{10}$/, '编号格式为 SW 加 10 位数字。');
export const RollKindSchema = z.enum(ROLL_KINDS, { message: '请选择导入内容：农户、家庭成员、干部或帮扶关系' });

export const CaseActionForms = {
  link: z.object({ target: z.string().trim().min(1, '请填写户号或户主姓名。').max(40, '户号或姓名过长。') }),
  reassign: z.object({ to: z.string().trim().min(1, '请填写要改派的同事。').max(64, '同事姓名或账号过长。') }),
  urge: z.object({ text: z.string().trim().max(200, '督办意见不超过 200 个字。').default('') }),
  note: z.object({ text: z.string().trim().min(1, '请填写备注内容。').max(500, '备注不超过 500 个字。') }),
} as const;

/** 重试 on the 失败任务 page: a job of one of the queues, by id. */
export const RetryForm = (queueNames: readonly string[]) =>
  z.object({
    queue: z.string().refine((q) => queueNames.includes(q), `请指明任务所在的队列（${queueNames.join('、')}）。`),
    id: z.string().trim().min(1, '请指明要重试的任务编号。').max(300, '任务编号过长。'),
  });
