import { z } from 'zod';
import { isValidIdNumber, normalizeIdNumber, toHalfWidth } from '../domain/id-card.js';

export type ImportKind = 'households' | 'cadres' | 'links';
export const IMPORT_KINDS: readonly ImportKind[] = ['households', 'cadres', 'links'];

/**
 * Accepted headers per field, Chinese or English (matched after trimming, lower-casing and
 * dropping spaces, underscores and full-width forms). The README lists them.
 */
export const COLUMNS: Record<ImportKind, Record<string, string[]>> = {
  households: {
    household_id: ['household_id', '户编号', '户号'],
    village_id: ['village_id', '村编号'],
    township: ['township', '乡镇', '乡镇（街道）', '乡（镇）'],
    village: ['village', '村', '行政村', '村（社区）'],
    group_name: ['group', '村民小组', '组'],
    head_name: ['head_name', '户主姓名', '户主'],
    head_id_number: ['head_id_number', '户主身份证号', '身份证号'],
    phone: ['phone', '联系电话', '电话'],
    address: ['address', '地址', '住址'],
    status: ['status', '户类型', '户属性'],
    monitoring_kind: ['monitoring_kind', '监测类型', '监测对象类别'],
    income_per_capita: ['income_per_capita', '人均纯收入', '人均收入'],
  },
  cadres: {
    userid: ['userid', '企业微信账号', '账号'],
    name: ['name', '姓名'],
    role: ['role', '角色', '职责'],
    township: ['township', '乡镇'],
    phone: ['phone', '联系电话', '电话'],
  },
  links: {
    kind: ['kind', '类型', '联系类型'],
    target: ['target', '对象', '户编号/村/乡镇'],
    cadre_userid: ['cadre_userid', '干部账号', '企业微信账号'],
  },
};

export function normalizeHeader(h: string): string {
  return toHalfWidth(h).toLowerCase().replace(/[\s_]/g, '').replace(/[()]/g, '');
}

const text = z.string().transform((s) => s.trim());
const required = (label: string) => text.pipe(z.string().min(1, `${label}不能为空`));
const optionalText = text.transform((s) => (s === '' ? null : s));
const phone = optionalText.pipe(
  z
    .string()
    .regex(/^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/, '电话号码格式不对')
    .nullable(),
);

function labelled<T extends string>(label: string, map: Record<string, T>) {
  return text.transform((s, ctx) => {
    const v = map[s] ?? map[s.toLowerCase()];
    if (v === undefined) {
      ctx.addIssue({ code: 'custom', message: `${label}“${s}”无法识别，可填：${Object.keys(map).join('、')}` });
      return z.NEVER;
    }
    return v;
  });
}

const STATUS = {
  一般户: 'ordinary',
  脱贫户: 'lifted',
  监测户: 'monitored',
  监测对象: 'monitored',
  ordinary: 'ordinary',
  lifted: 'lifted',
  monitored: 'monitored',
} as const;
const KIND = {
  脱贫不稳定户: 'unstable',
  边缘易致贫户: 'edge',
  突发严重困难户: 'sudden',
  unstable: 'unstable',
  edge: 'edge',
  sudden: 'sudden',
} as const;
const ROLE = {
  帮扶责任人: 'helper',
  包村干部: 'village',
  驻村工作队: 'village',
  第一书记: 'village',
  包片领导: 'township',
  县乡村振兴局: 'county',
  helper: 'helper',
  village: 'village',
  township: 'township',
  county: 'county',
} as const;
const LINK = {
  帮扶人包户: 'household',
  包户: 'household',
  包村: 'village',
  包片: 'area',
  household: 'household',
  village: 'village',
  area: 'area',
} as const;

export const HouseholdRow = z
  .object({
    household_id: required('户编号'),
    village_id: optionalText,
    township: optionalText,
    village: optionalText,
    group_name: text.default(''),
    head_name: required('户主姓名'),
    head_id_number: optionalText.pipe(
      z
        .string()
        .transform(normalizeIdNumber)
        .refine(isValidIdNumber, '户主身份证号无效（位数、日期或校验位不对）')
        .nullable(),
    ),
    phone,
    address: text.default(''),
    status: labelled('户类型', STATUS),
    monitoring_kind: optionalText.pipe(labelled('监测类型', KIND).nullable()),
    income_per_capita: optionalText.pipe(
      z
        .string()
        .regex(/^\d+(\.\d+)?$/, '人均纯收入应为数字（元）')
        .transform((s) => Math.round(Number(s)))
        .nullable(),
    ),
  })
  .refine((r) => r.village_id || (r.township && r.village), { message: '需要村编号，或者乡镇和村名' })
  .refine((r) => r.status === 'monitored' || !r.monitoring_kind, { message: '只有监测户才填监测类型' });
export type HouseholdRow = z.infer<typeof HouseholdRow>;

export const CadreRow = z.object({
  userid: required('企业微信账号').pipe(z.string().regex(/^[\w.@-]{1,64}$/, '企业微信账号只能含字母、数字和 _ . @ -')),
  name: required('姓名'),
  role: labelled('角色', ROLE),
  township: optionalText,
  phone,
});
export type CadreRow = z.infer<typeof CadreRow>;

export const LinkRow = z.object({
  kind: labelled('类型', LINK),
  target: required('对象'),
  cadre_userid: required('干部账号'),
});
export type LinkRow = z.infer<typeof LinkRow>;

export const ROW_SCHEMAS = { households: HouseholdRow, cadres: CadreRow, links: LinkRow } as const;
