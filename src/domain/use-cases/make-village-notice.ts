import { localMidnight, localParts } from '../local-time.js';
import type { RegisterReads, RegisterScope } from '../ports/register.js';
import { villageNotice, type NoticeKind, type VillageNotice } from '../register/village-notice.js';

export interface NoticeDeps {
  register: RegisterReads;
  timeZone: string;
  /** The policy's minimum days of a village public notice. */
  noticeDays: number;
}

export interface NoticeRequest {
  village: string;
  kind: NoticeKind;
  /** 结果公告's month, YYYY-MM (default: this month). */
  month?: string;
  person: string;
  phone: string;
}

/** The village's 公示 (or 结果公告), or null when the village is not in the viewer's scope. */
export async function makeVillageNotice(
  deps: NoticeDeps,
  scope: RegisterScope,
  q: NoticeRequest,
  now: Date,
): Promise<VillageNotice | null> {
  const v = await deps.register.noticeVillage(scope, q.village);
  if (!v) return null;
  const today = localParts(now, deps.timeZone);
  const [year, month] = q.month ? q.month.split('-').map(Number) : [today.year, today.month];
  const rows = await deps.register.noticeHouseholds(
    v.id,
    q.kind === 'notice'
      ? { kind: 'notice' }
      : {
          kind: 'result',
          from: localMidnight(year!, month!, 1, deps.timeZone),
          to: localMidnight(year!, month! + 1, 1, deps.timeZone),
        },
  );
  return villageNotice(rows, {
    kind: q.kind,
    village: v.name,
    township: v.townshipName,
    noticeDays: deps.noticeDays,
    contact: { person: q.person, phone: q.phone },
    now,
    timeZone: deps.timeZone,
    month: q.kind === 'result' ? `${year}-${String(month).padStart(2, '0')}` : undefined,
  });
}
