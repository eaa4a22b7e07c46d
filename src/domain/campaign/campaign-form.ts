import { z } from 'zod';
import type { StartCampaignInput } from './campaign.js';

const place = z.string().regex(/^[A-Za-z0-9_-]{1,40}$/, '地点编号只含字母、数字、-、_');
const list = <T extends z.ZodType>(item: T, max: number) =>
  z.preprocess((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]), z.array(item).max(max));

/** The console's 发起集中排查 form, as posted (checkboxes repeat their name). */
export const CampaignFormFields = z.record(z.string(), z.union([z.string(), z.array(z.string())]));

const CampaignForm = z.object({
  name: z.string().trim().min(1, '请填写排查名称。').max(60, '排查名称不超过 60 个字。'),
  deadline: z.string().regex(/^\d{4}-\d\d-\d\d$/, '请选择截止日期（例如 2026-12-15）。'),
  township: list(place, 500),
  village: list(place, 5000),
  kind: list(z.enum(['lifted', 'monitored', 'ordinary']), 3).refine((k) => k.length > 0, '请至少选择一种农户类型。'),
});

/** The form's fields → the campaign to start, or the first thing to correct, as a sentence. */
export function readCampaignForm(
  fields: Record<string, string | string[]>,
): { ok: true; input: StartCampaignInput } | { ok: false; error: string } {
  const parsed = CampaignForm.safeParse(fields);
  if (!parsed.success) return { ok: false, error: parsed.error.issues[0]!.message };
  const { name, deadline, township, village, kind } = parsed.data;
  const [y, m, d] = deadline.split('-').map(Number) as [number, number, number];
  const real = new Date(Date.UTC(y, m - 1, d));
  if (real.getUTCMonth() !== m - 1 || real.getUTCDate() !== d)
    return { ok: false, error: '截止日期不是有效的日期，请重新选择。' };
  return {
    ok: true,
    input: {
      name,
      deadline,
      scope: { townships: [...new Set(township)], villages: [...new Set(village)], kinds: kind },
    },
  };
}

/** A campaign's number in the console's addresses. */
export const CampaignId = z.coerce
  .number({ message: '排查编号应为数字' })
  .int()
  .positive()
  .max(2 ** 31);
