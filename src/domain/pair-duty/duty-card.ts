import { DUTY_WORDS } from './duty-words.js';
import { DUTY_LABEL, PAIR_DUTIES, type PairDuty } from './pair-duty-policy.js';

/** WeCom's task_id of a household's 8个一 card: one per card sent (ids are letters, digits and -). */
export const dutyCardId = (householdId: string, at: Date) => `sw-duty-${householdId}-${at.getTime()}`;
export function householdOfDutyCard(cardTaskId: string): string | null {
  return /^sw-duty-([\w-]{1,64})-\d+$/.exec(cardTaskId)?.[1] ?? null;
}

/** A button's key names its duty. */
export const dutyButtonKey = (duty: PairDuty) => `duty:${duty}`;
export function dutyOfButton(key: string): PairDuty | null {
  const d = /^duty:(\w+)$/.exec(key)?.[1];
  return d && (PAIR_DUTIES as readonly string[]).includes(d) ? (d as PairDuty) : null;
}

/** WeCom shows at most six buttons. */
const MAX_BUTTONS = 6;

/** "8个一：张大山户": a button for each duty still to do this period (the most pressing first); a press records it. */
export function dutyCard(h: {
  id: string;
  headName: string;
  villageName: string;
  at: Date;
  open: readonly PairDuty[];
}): Record<string, unknown> {
  const shown = h.open.slice(0, MAX_BUTTONS);
  return {
    card_type: 'button_interaction',
    source: { desc: '守望·防返贫监测', desc_color: 3 },
    main_title: { title: `8个一：${h.headName}户`, desc: `${h.villageName}，户号 ${h.id}` },
    sub_title_text: `本期还有 ${h.open.length} 项未完成。完成了哪一项，请点对应的按钮记录（每期记一次）。${h.open.length > shown.length ? '其余事项请用文字记录：8个一 户号 事项。' : ''}`,
    task_id: dutyCardId(h.id, h.at),
    button_list: shown.map((d, i) => ({
      key: dutyButtonKey(d),
      text: DUTY_WORDS[d][0],
      style: i === 0 ? 1 : 2,
    })),
    horizontal_content_list: shown.map((d) => ({ keyname: DUTY_WORDS[d][0]!, value: DUTY_LABEL[d] })),
  };
}
