import { formatLocalDate } from '../local-time.js';
import { fitLines } from '../message-size.js';

/** A household of a campaign as a cadre's list shows it. */
export interface ScreeningLine {
  householdId: string;
  headName: string;
  villageName: string;
}

/** The last day of a campaign: its deadline is the end of that day (the next local midnight). */
export const lastDay = (deadline: Date, timeZone: string) =>
  formatLocalDate(new Date(deadline.getTime() - 1), timeZone);

export const ANSWER_HOWTO = [
  '逐户回复排查结果：',
  '· 没有发现风险：排查 户号 无',
  '· 发现风险：排查 户号 发现的情况（例：排查 H0000025 孩子辍学，房子漏雨）',
  '户号也可以写户主姓名；发现的风险按「上报」办理，系统分派给负责的干部。',
].join('\n');

const line = (h: ScreeningLine) => `${h.householdId} ${h.headName}（${h.villageName}）`;

const byVillage = (households: ScreeningLine[]) => {
  const counts = new Map<string, number>();
  for (const h of households) counts.set(h.villageName, (counts.get(h.villageName) ?? 0) + 1);
  return [...counts].map(([v, n]) => `${v} ${n} 户`).join('、');
};

/**
 * The one message a cadre gets when a campaign starts: what, by when, how many of their households in
 * which villages, how to answer, and the households themselves as far as one message holds them.
 */
export function campaignNotice(
  campaign: { name: string; deadline: Date },
  households: ScreeningLine[],
  timeZone: string,
): string {
  const head = [
    `【集中排查】${campaign.name}`,
    `县里发起集中排查，请您在 ${lastDay(campaign.deadline, timeZone)} 前逐户排查您负责的 ${households.length} 户（${byVillage(households)}）。`,
    ANSWER_HOWTO,
    '需要排查的农户：',
  ];
  return fitLines([...head, ...households.map(line)], '发送「排查」随时查看还没排查的农户。');
}

/** 排查 alone: the cadre's households not screened yet, campaign by campaign. */
export function outstandingText(
  campaigns: Array<{ name: string; deadline: Date; total: number; households: ScreeningLine[] }>,
  timeZone: string,
): string {
  if (!campaigns.length) return '您目前没有待排查的农户。集中排查开始时，系统会把您负责的农户名单发给您。';
  const lines = campaigns.flatMap((c) => [
    `【集中排查】${c.name}（${lastDay(c.deadline, timeZone)} 截止）：您还有 ${c.total} 户没有排查：`,
    ...c.households.map(line),
    ...(c.total > c.households.length ? [`……还有 ${c.total - c.households.length} 户未列出。`] : []),
  ]);
  return fitLines(lines, ANSWER_HOWTO);
}
