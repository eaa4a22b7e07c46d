import { z } from 'zod';
import { isValidIdNumber, normalizeIdNumber, toHalfWidth } from '../id-card.js';
import type { RowHistory } from './national-history.js';

export type ImportKind = 'households' | 'members' | 'cadres' | 'links';
export const IMPORT_KINDS: readonly ImportKind[] = ['households', 'members', 'cadres', 'links'];

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
    head_id_number: ['head_id_number', '户主身份证号', '身份证号', '户主证件号码'],
    phone: ['phone', '联系电话', '电话', '户联系电话'],
    address: ['address', '地址', '住址'],
    status: ['status', '户类型', '户属性'],
    monitoring_kind: ['monitoring_kind', '监测类型', '监测对象类别'],
    income_per_capita: ['income_per_capita', '人均纯收入', '人均收入', '人均纯收入（元）', '家庭人均纯收入'],
  },
  members: {
    household_id: ['household_id', '户编号', '户号'],
    name: ['name', '姓名'],
    id_number: ['id_number', '身份证号', '证件号码', '身份证件号码'],
    relation: ['relation', '与户主关系'],
    sex: ['sex', '性别'],
    birth_date: ['birth_date', '出生日期'],
    labour: ['labour', '劳动能力', '劳动技能'],
    disability: ['disability', '残疾情况', '残疾类别'],
    health: ['health', '健康状况'],
    schooling: ['schooling', '在校情况', '在校生状况', '文化程度'],
    phone: ['phone', '联系电话', '电话', '成员联系电话'],
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
// A masked number (5301**********1234, 138****5678: our own exports mask them) is read as not given.
const unmasked = text.transform((s) => (s === '' || s.includes('*') ? null : s));
const phone = unmasked.pipe(
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
    head_id_number: unmasked.pipe(
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
/** With, from a national-layout file, the monitoring record its history columns carry (parse-table.ts). */
export type HouseholdRow = z.infer<typeof HouseholdRow> & { history?: RowHistory | null };

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

const LABOUR = {
  普通劳动力: 'full',
  技能劳动力: 'full',
  劳动力: 'full',
  弱劳动力: 'partial',
  半劳动力: 'partial',
  弱劳动力或半劳动力: 'partial',
  丧失劳动力: 'lost',
  无劳动力: 'none',
  full: 'full',
  partial: 'partial',
  lost: 'lost',
  none: 'none',
} as const;
const HEALTH = { 健康: '健康', 长期慢性病: '长期慢性病', 大病: '大病', 患有大病: '大病', 残疾: '残疾' } as const;
const SCHOOLING = {
  学龄前: '学龄前',
  学龄前儿童: '学龄前',
  小学: '小学',
  初中: '初中',
  高中: '高中',
  中职: '中职',
  大学: '大学',
  大专: '大学',
  本科: '大学',
  非在校: '非在校',
  非在校生: '非在校',
} as const;
const SEX = { 男: '男', 女: '女', male: '男', female: '女' } as const;

/** 1980-05-03, 1980/5/3, 19800503 → 1980-05-03; null if it is not a real date. */
function isoDate(s: string): string | null {
  const m = /^(\d{4})[-/.年]?(\d{1,2})[-/.月]?(\d{1,2})日?$/.exec(s);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (y < 1900 || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return null;
  return date.toISOString().slice(0, 10);
}

export const MemberRow = z
  .object({
    household_id: required('户编号'),
    name: required('姓名'),
    id_number: unmasked.pipe(
      z
        .string()
        .transform(normalizeIdNumber)
        .refine(isValidIdNumber, '身份证号无效（位数、日期或校验位不对）')
        .nullable(),
    ),
    relation: required('与户主关系'),
    sex: optionalText.pipe(labelled('性别', SEX).nullable()),
    birth_date: optionalText.pipe(
      z
        .string()
        .transform((s, ctx) => {
          const d = isoDate(s);
          if (!d) ctx.addIssue({ code: 'custom', message: `出生日期“${s}”无法识别，请写成 1980-05-03` });
          return d ?? z.NEVER;
        })
        .nullable(),
    ),
    labour: required('劳动能力').pipe(labelled('劳动能力', LABOUR)),
    disability: text.transform((s) => (s === '无' ? '' : s)),
    health: optionalText.pipe(labelled('健康状况', HEALTH).nullable()),
    schooling: optionalText.pipe(labelled('在校情况', SCHOOLING).nullable()),
    phone,
  })
  .refine((r) => !r.id_number || !r.birth_date || r.id_number.slice(6, 14) === r.birth_date.replaceAll('-', ''), {
    message: '出生日期与身份证号不符',
  })
  .refine((r) => !r.id_number || !r.sex || (Number(r.id_number[16]) % 2 === 1 ? '男' : '女') === r.sex, {
    message: '性别与身份证号不符',
  });
export type MemberRow = z.infer<typeof MemberRow>;

export const ROW_SCHEMAS = { households: HouseholdRow, members: MemberRow, cadres: CadreRow, links: LinkRow } as const;
