import { formatLocalDate } from '../local-time.js';
import { fitLines } from '../message-size.js';
import { ROUND_LABEL } from './round-periods.js';
import type { RoundItem, RoundView } from './round-view.js';

/** WeCom's task_id for a round's card: one per round and recipient (task ids are unique per app). */
export const roundCardId = (roundId: number, n: number) => `sw-round-${roundId}-${n}`;
export function roundOfCard(cardTaskId: string): number | null {
  const m = /^sw-round-(\d+)-\d+$/.exec(cardTaskId);
  return m ? Number(m[1]) : null;
}

export const ROUND_CLEAR_KEY = 'round-clear';
export const ROUND_LIST_KEY = 'round-list';

const lastDay = (end: Date) => new Date(end.getTime() - 1);

/** "12月1日至12月7日". */
export const periodText = (v: Pick<RoundView, 'periodStart' | 'periodEnd'>, timeZone: string) =>
  `${formatLocalDate(v.periodStart, timeZone)}至${formatLocalDate(lastDay(v.periodEnd), timeZone)}`;

/** "张家村本周排查" / "城关镇半月核实". */
export const roundTitle = (v: Pick<RoundView, 'kind' | 'placeName'>) =>
  `${v.placeName}${v.kind === 'village' ? '本周排查' : ROUND_LABEL.township}`;

/** Why a household is on the list, in words. */
export function itemReasons(i: RoundItem, kind: RoundView['kind'], timeZone: string): string {
  const why: string[] = [];
  if (i.visitDueAt) why.push(`走访到期 ${formatLocalDate(i.visitDueAt, timeZone)}`);
  if (i.callDueAt) why.push(`电话回访到期 ${formatLocalDate(i.callDueAt, timeZone)}`);
  if (i.openCases.length) why.push(`未办结 ${i.openCases.join('、')}`);
  if (i.signals) why.push(`近30天部门预警 ${i.signals} 条`);
  if (kind === 'township')
    why.push(i.lastContactAt ? `上次走访 ${formatLocalDate(i.lastContactAt, timeZone)}` : '尚无走访记录');
  return why.join('；');
}

const itemLine = (i: RoundItem, kind: RoundView['kind'], timeZone: string) =>
  `${i.headName}户 ${i.householdId}${kind === 'township' ? `（${i.villageName}）` : ''}：${itemReasons(i, kind, timeZone)}`;

const HOW =
  '逐户排查后，无新增风险请点「无新增风险」或回复「排查 无新增风险」；发现风险请回复「排查 户号 情况」，可一次写多行。';

/** The checklist card to recipient number `n` of the round. */
export function roundCard(v: RoundView, n: number, timeZone: string): Record<string, unknown> {
  const count = (f: (i: RoundItem) => boolean) => `${v.items.filter(f).length} 户`;
  const fields =
    v.kind === 'village'
      ? [
          { keyname: '应走访联系', value: count((i) => Boolean(i.visitDueAt || i.callDueAt)) },
          { keyname: '未办结事项', value: count((i) => i.openCases.length > 0) },
          { keyname: '部门预警', value: count((i) => i.signals > 0) },
        ]
      : [
          { keyname: '抽查农户', value: `${v.items.length} 户` },
          { keyname: '涉及村', value: `${new Set(v.items.map((i) => i.villageName)).size} 个` },
        ];
  const shown = v.items.slice(0, 5).map((i) => `${i.headName}户 ${i.householdId}`);
  return {
    card_type: 'button_interaction',
    source: { desc: '守望·防返贫监测', desc_color: 3 },
    main_title: {
      title: roundTitle(v),
      desc: `${periodText(v, timeZone)}，请于${formatLocalDate(lastDay(v.deadline), timeZone)}前答复`,
    },
    sub_title_text: HOW,
    horizontal_content_list: [...fields, { keyname: '清单', value: `共 ${v.items.length} 户` }],
    ...(shown.length
      ? {
          quote_area: {
            type: 0,
            title: v.kind === 'village' ? '本周清单' : '抽查清单',
            quote_text: `${shown.join('\n')}${v.items.length > shown.length ? `\n……共 ${v.items.length} 户，点「查看清单」` : ''}`,
          },
        }
      : {}),
    task_id: roundCardId(v.id, n),
    button_list: [
      { key: ROUND_CLEAR_KEY, text: '无新增风险', style: 1 },
      { key: ROUND_LIST_KEY, text: '查看清单', style: 2 },
    ],
  };
}

/** The round's whole list as a text message, within WeCom's size. */
export function roundListText(v: RoundView, timeZone: string): string {
  const head = `${roundTitle(v)}清单（${periodText(v, timeZone)}，共 ${v.items.length} 户）：`;
  const lines = v.items.length
    ? v.items.map((i, k) => `${k + 1}. ${itemLine(i, v.kind, timeZone)}`)
    : ['本期没有到期走访、未办结事项或部门预警的农户。'];
  return fitLines([head, ...lines], HOW.replace('请点「无新增风险」或', ''));
}
