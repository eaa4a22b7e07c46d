/**
 * The console's sections, in the order the top bar shows them. A new page adds ONE entry here (its own
 * line, in its slot below) and nothing else in the layout; `countyOnly` hides it from township staff.
 */
export interface NavEntry {
  href: string;
  label: string;
  /** Shown to county staff only (township staff would get 403 there). */
  countyOnly?: boolean;
}

export const NAV_ENTRIES: NavEntry[] = [
  { href: '/console/cases', label: '案件' },
  { href: '/console/households', label: '农户' },
  { href: '/console/register', label: '监测对象' },
  { href: '/console/overdue', label: '逾期清单' },
  { href: '/console/screened', label: '未达预警标准' },
  { href: '/console/compliance', label: '走访合规' },
  { href: '/console/dashboard', label: '统计' },
  { href: '/console/campaigns', label: '集中排查' },
  { href: '/console/import', label: '导入导出', countyOnly: true },
  { href: '/console/village-codes', label: '一村一码' },
  { href: '/console/failed', label: '失败任务', countyOnly: true },
  { href: '/console/queues', label: '队列', countyOnly: true },
];

/** The entry a path belongs to: the longest href it starts with. */
export function activeEntry(path: string, entries: NavEntry[] = NAV_ENTRIES): NavEntry | undefined {
  return entries
    .filter((e) => path === e.href || path.startsWith(`${e.href}/`) || path.startsWith(`${e.href}.`))
    .sort((a, b) => b.href.length - a.href.length)[0];
}
