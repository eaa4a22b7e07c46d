import { toHalfWidth } from '../id-card.js';
import { EFFECT_LABEL, measureStatusOf, measureTypeOf, type MeasureEffect } from '../assistance/measure.js';
import type { Command } from './command.js';
import type { MeasureForm } from './measure-form.js';

export type { MeasureForm };

export const MEASURE_USAGE = {
  assist_typed:
    '帮扶 编号 类型 对象:姓名或全户 部门:责任单位 金额:元 开始:日期 状态:计划/落实中/已落实 内容（例：帮扶 SW2026000123 医疗救助 对象:张小花 部门:医保局 金额:3000 开始:12月5日 大病医疗救助）',
  measures: '措施 编号 —— 查看该户的一户一策和建议措施',
  measure_status: '措施 编号 序号 状态（状态：计划 / 落实中 / 已落实 / 无效；例：措施 SW2026000123 2 已落实）',
  measure_effect: '成效 编号 序号 见效/部分见效/未见效 说明（回头看时检查措施成效）',
} as const;

const KEYS: Array<
  [RegExp, keyof Omit<MeasureForm, 'type' | 'start' | 'amountYuan' | 'status'> | 'start' | 'amount' | 'status']
> = [
  [/^(?:对象|成员|人员|帮扶对象)$/, 'member'],
  [/^(?:部门|责任单位|单位|责任部门)$/, 'department'],
  [/^(?:金额|资金|补助|金额元)$/, 'amount'],
  [/^(?:开始|开始时间|时间|日期|落实时间)$/, 'start'],
  [/^状态$/, 'status'],
  [/^(?:内容|措施|说明|具体措施)$/, 'detail'],
];

/** 3000, 3000元, 1.2万 → yuan; null when it is not an amount. */
export function readAmount(text: string): number | null {
  const m = /^(\d+(?:\.\d+)?)\s*(万)?\s*元?$/.exec(toHalfWidth(text).replace(/,(?=\d{3})/g, ''));
  return m ? Math.round(Number(m[1]) * (m[2] ? 10_000 : 1)) : null;
}

/** 2026-12-05, 2026/12/5, 2026年12月5日, 12月5日 → its parts; null when it is not a day. */
export function readDay(text: string): MeasureForm['start'] {
  const t = toHalfWidth(text);
  const full = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(t);
  const short = /^(\d{1,2})月(\d{1,2})日?$/.exec(t);
  const [year, month, day] = full
    ? [Number(full[1]), Number(full[2]), Number(full[3])]
    : short
      ? [null, Number(short[1]), Number(short[2])]
      : [0, 0, 0];
  if (!month || month > 12 || !day || day > 31) return null;
  return { year, month, day };
}

/**
 * 帮扶 编号 <rest>: the typed form when the rest starts with a measure type, else today's free-text
 * measure (kept as 其他). `key:value` fields may come in any order; unkeyed words that read as a status,
 * an amount or a day are taken as such, 全户 as the whole household, the rest is the measure's detail.
 */
export function parseAssist(number: string, rest: string): Command | null {
  const [first = '', ...tail] = rest.split(/[\s,，;；、]+/).filter(Boolean);
  const type = measureTypeOf(first.replace(/[:：].*$/, ''));
  if (!type) return { kind: 'assist', number, measure: rest };
  const form: MeasureForm = {
    type,
    member: null,
    department: '',
    amountYuan: null,
    start: null,
    status: null,
    detail: '',
  };
  const words: string[] = [];
  for (const token of tail) {
    const kv = /^([^:：]+)[:：](.*)$/.exec(token);
    const key = kv ? KEYS.find(([re]) => re.test(kv[1]!.trim()))?.[1] : undefined;
    if (kv && key) {
      const value = kv[2]!.trim();
      if (!value) return null;
      if (key === 'member') form.member = value === '全户' || value === '全家' ? null : value;
      else if (key === 'department') form.department = value.slice(0, 60);
      else if (key === 'amount') {
        form.amountYuan = readAmount(value);
        if (form.amountYuan === null) return null;
      } else if (key === 'start') {
        form.start = readDay(value);
        if (!form.start) return null;
      } else if (key === 'status') {
        form.status = measureStatusOf(value);
        if (!form.status) return null;
      } else words.push(value);
      continue;
    }
    if (token === '全户' || token === '全家') form.member = null;
    else if (!form.status && measureStatusOf(token)) form.status = measureStatusOf(token);
    else if (form.amountYuan === null && /元|万/.test(token) && readAmount(token) !== null)
      form.amountYuan = readAmount(token);
    else if (!form.start && readDay(token)) form.start = readDay(token);
    else words.push(token);
  }
  form.detail = words.join(' ').slice(0, 300);
  return { kind: 'assist_typed', number, form };
}

/** 措施 编号 [序号 状态]: the plan, or one measure's new status. */
export function parseMeasureStatus(number: string, rest: string): Command | null {
  if (!rest) return { kind: 'measures', number };
  const m = /^(\d{1,3})\s*(\S+)\s*(.*)$/s.exec(rest);
  const status = m ? measureStatusOf(m[2]!) : null;
  return m && status ? { kind: 'measure_status', number, index: Number(m[1]), status, note: m[3]!.trim() } : null;
}

/** 成效 编号 序号 见效/部分见效/未见效 说明. */
export function parseMeasureEffect(number: string, rest: string): Command | null {
  const m = /^(\d{1,3})\s*(部分见效|未见效|见效|有效|无效)\s*(.*)$/s.exec(rest);
  if (!m) return null;
  const word = m[2] === '有效' ? '见效' : m[2] === '无效' ? '未见效' : m[2]!;
  const effect = (Object.entries(EFFECT_LABEL) as Array<[MeasureEffect, string]>).find(([, l]) => l === word)![0];
  return { kind: 'measure_effect', number, index: Number(m[1]), effect, note: m[3]!.trim().slice(0, 300) };
}
