import { z } from 'zod';
import type { ReportFacts } from '../triage/classify-report.js';
import { AlertSchema, alertToReport } from './alert-schema.js';

const status = z.enum(['ordinary', 'lifted', 'monitored']).nullable().optional();

/** One line of `cli classify` input (and of the triage corpus): a message or a department row. */
export const TriageLineSchema = z.union([
  z.object({
    id: z.string().min(1),
    channel: z.enum(['villager', 'hotline', 'gov_app', 'cadre']),
    text: z.string().max(5000),
    householdStatus: status,
  }),
  z.object({ id: z.string().min(1), channel: z.literal('department'), alert: z.unknown(), householdStatus: status }),
]);
export type TriageLine = z.infer<typeof TriageLineSchema>;

/** What the classifier reads from a line, or a Chinese sentence saying why the line can't be read. */
export function factsOfLine(
  raw: unknown,
): { ok: true; id: string; facts: ReportFacts } | { ok: false; id: string | null; error: string } {
  const id =
    typeof raw === 'object' && raw && typeof (raw as { id?: unknown }).id === 'string'
      ? (raw as { id: string }).id
      : null;
  const line = TriageLineSchema.safeParse(raw);
  if (!line.success) {
    return {
      ok: false,
      id,
      error: `这一行不是有效的报告：${line.error.issues.map((i) => `${i.path.join('.') || '整行'} ${i.message}`).join('；')}。`,
    };
  }
  const householdStatus = line.data.householdStatus ?? null;
  if (line.data.channel !== 'department')
    return { ok: true, id: line.data.id, facts: { text: line.data.text, householdStatus } };
  const alert = AlertSchema.safeParse(line.data.alert);
  if (!alert.success) {
    return {
      ok: false,
      id,
      error: `部门预警行无效：${alert.error.issues.map((i) => `${i.path.join('.') || 'alert'} ${i.message}`).join('；')}。`,
    };
  }
  const report = alertToReport(alert.data, 'department');
  return {
    ok: true,
    id: line.data.id,
    facts: { text: report.text, kind: report.kind, amountYuan: report.amountYuan, householdStatus },
  };
}
