import { formatLocalDate } from '../local-time.js';
import { dutyInstanceAt, type DutyInstance } from './duty-period.js';
import { doneBy, statusAt, type DutyRecord } from './duty-status.js';
import { DUTY_LABEL, PAIR_DUTIES, type PairDuty, type PairHelperPolicy } from './pair-duty-policy.js';

const QUARTERS = ['一', '二', '三', '四'];

/** '2026' → 2026年, '2026-Q4' → 2026年第四季度, '2026-12' → 2026年12月. */
export function periodLabel(period: string): string {
  const [year, part] = period.split('-');
  if (!part) return `${year}年`;
  if (part.startsWith('Q')) return `${year}年第${QUARTERS[Number(part.slice(1)) - 1]}季度`;
  return `${year}年${Number(part)}月`;
}

/** "1月31日前": the last local day of the instance's time. */
export const dueByText = (i: DutyInstance, timeZone: string) =>
  `${formatLocalDate(new Date(i.dueAt.getTime() - 1), timeZone)}前`;

/** Where one duty of a household stands at an instant, with the record that did it. */
export interface DutyLine<R extends DutyRecord = DutyRecord> {
  instance: DutyInstance;
  status: ReturnType<typeof statusAt>;
  record: R | undefined;
}

/** Each duty's current period for a household. */
export function dutyLines<R extends DutyRecord>(
  policy: PairHelperPolicy,
  records: readonly R[],
  at: Date,
  timeZone: string,
): DutyLine<R>[] {
  return PAIR_DUTIES.map((duty) => {
    const instance = dutyInstanceAt(duty, policy, at, timeZone);
    const record = doneBy(instance, records, policy);
    return { instance, record, status: statusAt(instance, record !== undefined, at) };
  });
}

/** A line's state in words: 已完成（12月3日，李四）, 已逾期（1月31日前）, 12月31日前, 12月1日起. */
export function dutyStateText(l: DutyLine<DutyRecord & { cadreName?: string | null }>, timeZone: string): string {
  if (l.record)
    return `已完成（${formatLocalDate(l.record.at, timeZone)}${l.record.cadreName ? `，${l.record.cadreName}` : ''}${'contact' in l.record ? `，${l.record.contact === 'call' ? '电话联系' : '入户走访'}记录` : ''}）`;
  if (l.status === 'not_open') return `${formatLocalDate(l.instance.opensAt, timeZone)}起`;
  if (l.status === 'overdue') return `已逾期（应于${dueByText(l.instance, timeZone)}完成）`;
  return `未完成，${dueByText(l.instance, timeZone)}${l.status === 'soon' ? '（快到期）' : ''}`;
}

/** 8个一 户号: the household's eight duties this period, in chat. */
export function householdDutiesText(
  h: { id: string; headName: string; villageName: string },
  lines: ReadonlyArray<DutyLine<DutyRecord & { cadreName?: string | null }>>,
  timeZone: string,
): string {
  const done = lines.filter((l) => l.record).length;
  return [
    `${h.headName}户（${h.villageName}，户号 ${h.id}）的「8个一」，本期已完成 ${done} 项：`,
    ...lines.map(
      (l, n) =>
        `${n + 1}. ${DUTY_LABEL[l.instance.duty]}（${periodLabel(l.instance.period)}）：${dutyStateText(l, timeZone)}`,
    ),
    `记录请回复：8个一 ${h.id} 事项 情况（事项：计划、电话、走访、评价、实事、就业、技术、消费）。`,
  ].join('\n');
}

/** The duties a line list leaves to do now (open, due soon or overdue), the most pressing first. */
export function openDuties(lines: readonly DutyLine[]): PairDuty[] {
  const rank = { overdue: 0, soon: 1, open: 2 } as Record<string, number>;
  return lines
    .filter((l) => !l.record && l.status in rank)
    .sort((a, b) => rank[a.status]! - rank[b.status]! || a.instance.dueAt.getTime() - b.instance.dueAt.getTime())
    .map((l) => l.instance.duty);
}

/** 8个一 alone: the cadre's households with duties overdue or due soon, in chat. */
export function owedDutiesText(
  owed: ReadonlyArray<{ id: string; headName: string; villageName: string; lines: readonly DutyLine[] }>,
  timeZone: string,
  shown = 20,
): string {
  const pressing = owed
    .map((h) => ({
      h,
      late: h.lines.filter((l) => l.status === 'overdue'),
      soon: h.lines.filter((l) => l.status === 'soon'),
    }))
    .filter((x) => x.late.length || x.soon.length);
  const head = `您负责的 ${owed.length} 户脱贫户和监测户中，`;
  if (!pressing.length) return `${head}没有快到期或已逾期的「8个一」事项。`;
  const label = (l: DutyLine) => DUTY_LABEL[l.instance.duty];
  return [
    `${head}有 ${pressing.length} 户的「8个一」快到期或已逾期：`,
    ...pressing.slice(0, shown).map(({ h, late, soon }, n) => {
      const parts = [
        ...(late.length ? [`已逾期：${late.map(label).join('、')}`] : []),
        ...(soon.length
          ? [`快到期：${soon.map((l) => `${label(l)}（${dueByText(l.instance, timeZone)}）`).join('、')}`]
          : []),
      ];
      return `${n + 1}. ${h.headName}户（${h.villageName}，户号 ${h.id}）${parts.join('；')}`;
    }),
    ...(pressing.length > shown ? [`……还有 ${pressing.length - shown} 户未列出。`] : []),
    '记录请回复：8个一 户号 事项；查看一户：8个一 户号。',
  ].join('\n');
}
