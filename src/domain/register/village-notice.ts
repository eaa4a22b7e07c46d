import { localDateString } from '../local-time.js';
import type { MonitoringKind } from '../types.js';
import { MONITORING_LABEL } from '../types.js';

/**
 * 村级公示: what a village posts about the households proposed for monitoring (拟纳入) or for risk
 * removal (拟消除) while their procedure is at the 公示 step, or, as 结果公告, those included or removed in
 * a month. Public notices show no phone, bank account or health condition, and the ID number only masked.
 */
export type NoticeKind = 'notice' | 'result';

/** One household on the notice, as the store gives it (the ID number still whole: masked here). */
export interface NoticeHousehold {
  householdId: string;
  headName: string;
  headIdNumber: string | null;
  persons: number;
  category: MonitoringKind | null;
  /** identify 识别纳入 | exit 风险消除. */
  matter: 'identify' | 'exit';
  /** 公示: the day the notice began; 结果公告: the day of 纳入 / 风险消除. */
  at: Date;
  /** 风险消除方式 for an exit (帮扶消除 / 自然消除), '' otherwise. */
  removalMode: string;
}

export interface NoticeLine {
  no: number;
  headName: string;
  maskedId: string;
  persons: number;
  matter: string;
  category: string;
  date: string;
}

export interface VillageNotice {
  title: string;
  village: string;
  township: string;
  /** 公示期 (公示 only): from the earliest start to its end after the policy's days. */
  period: { from: string; to: string } | null;
  lines: NoticeLine[];
  contact: { person: string; phone: string };
  /** The paragraph under the table: how to object, by when, to whom. */
  text: string;
  issuedBy: string;
  issuedOn: string;
}

/** Only the last four characters of the ID number: tells two people of one name apart, nothing more. */
export function noticeMaskId(id: string | null): string {
  if (!id) return '';
  return '*'.repeat(Math.max(0, id.length - 4)) + id.slice(-4);
}

const DAY = 86_400_000;

/** The notice as it is printed and exported, dates in the county's time zone. */
export function villageNotice(
  rows: readonly NoticeHousehold[],
  f: {
    kind: NoticeKind;
    village: string;
    township: string;
    noticeDays: number;
    contact: { person: string; phone: string };
    now: Date;
    timeZone: string;
    /** 结果公告: the month it covers, YYYY-MM. */
    month?: string;
  },
): VillageNotice {
  const day = (d: Date) => localDateString(d, f.timeZone);
  const sorted = [...rows].sort(
    (a, b) => a.at.getTime() - b.at.getTime() || a.householdId.localeCompare(b.householdId),
  );
  const lines = sorted.map((r, i) => ({
    no: i + 1,
    headName: r.headName,
    maskedId: noticeMaskId(r.headIdNumber),
    persons: r.persons,
    matter:
      f.kind === 'notice'
        ? r.matter === 'exit'
          ? '拟消除风险'
          : '拟纳入监测'
        : r.matter === 'exit'
          ? '风险已消除'
          : '已纳入监测',
    category: [r.category ? MONITORING_LABEL[r.category] : '', r.removalMode].filter(Boolean).join('，'),
    date: day(r.at),
  }));
  const start = sorted[0]?.at;
  const period =
    f.kind === 'notice' && start
      ? { from: day(start), to: day(new Date(Math.max(...sorted.map((r) => r.at.getTime())) + f.noticeDays * DAY)) }
      : null;
  const who = [f.contact.person, f.contact.phone].filter(Boolean).join('，电话 ') || '村民委员会';
  const text =
    f.kind === 'notice'
      ? `以上农户经入户核实、村级民主评议，现予公示，公示期不少于 ${f.noticeDays} 天${period ? `（${period.from} 至 ${period.to}）` : ''}。如有异议，请在公示期内向村民委员会或乡镇反映，可实名或匿名，联系人：${who}。`
      : `以上农户已按程序经村级民主评议、公示、乡镇审核、县级确认，现予公告。如有疑问，请联系：${who}。`;
  return {
    title:
      f.kind === 'notice'
        ? `${f.village}防止返贫监测对象识别（风险消除）公示`
        : `${f.village}防止返贫监测对象结果公告${f.month ? `（${f.month.replace('-', '年')}月）` : ''}`,
    village: f.village,
    township: f.township,
    period,
    lines,
    contact: f.contact,
    text,
    issuedBy: `${f.township}${f.village}村民委员会`,
    issuedOn: day(f.now),
  };
}
