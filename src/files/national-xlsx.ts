import { localParts } from '../domain/local-time.js';
import type { NationalHousehold, NationalMember } from '../domain/ports/national-export.js';
import { maskIdNumber, maskPhone } from '../domain/privacy.js';
import {
  HEALTH_STATUS,
  HOUSEHOLD_TYPE,
  LABOUR_SKILL,
  MEASURE_COLUMNS,
  MEASURE_NAME,
  MONITORING_KIND,
  nationalRisks,
  SCHOOLING_STATUS,
  yearMonth,
} from '../domain/register/national-layout.js';
import { addSheet, type SheetColumn, newWorkbook } from './excel-sheet.js';

const t = (header: string, key: string, width = 12): SheetColumn => ({ header, key, width });
const RISKS = [1, 2, 3, 4, 5].map((i) => t(`致贫/返贫风险${i}`, `risk${i}`, 14));

/** 户信息: the household columns of the national exports, by their header text (README: 上报导出). */
export const HOUSEHOLD_COLUMNS: SheetColumn[] = [
  t('县(市、区、旗)', 'county'),
  t('乡(镇)', 'township'),
  t('行政村', 'village'),
  t('村民小组', 'group', 10),
  t('户编号', 'id', 12),
  t('户主姓名', 'head', 10),
  t('户主证件号码', 'headId', 22),
  t('户联系电话', 'phone', 14),
  t('住址', 'address', 28),
  t('户类型', 'type', 10),
  t('监测对象类别', 'kind', 14),
  t('识别监测时间', 'included', 12),
  ...RISKS,
  { header: '人均纯收入（元）', key: 'income', width: 14, type: 'number', numFmt: '#,##0' },
  t('风险是否已消除', 'removed', 12),
  t('风险消除方式', 'mode', 12),
  t('消除监测时间', 'removedAt', 12),
  ...MEASURE_COLUMNS.map((m) => t(m.header, m.header, 14)),
];

/** 家庭成员: one row per person, joined to the household by 户编号. */
export const MEMBER_COLUMNS: SheetColumn[] = [
  t('户编号', 'id', 12),
  t('姓名', 'name', 10),
  t('证件号码', 'idNumber', 22),
  t('性别', 'sex', 6),
  t('出生日期', 'birth', 10),
  t('与户主关系', 'relation', 10),
  t('劳动技能', 'labour', 16),
  t('健康状况', 'health', 12),
  t('在校生状况', 'schooling', 12),
  t('残疾类别', 'disability', 10),
  t('成员联系电话', 'phone', 14),
];

/**
 * The upward export in the layout of the national system's exports: 户信息 and 家庭成员, typed cells
 * (income a number, dates YYYYMMDD/YYYYMM text as the system writes them). ID and phone numbers are
 * masked unless `fullNumbers` (what the national system needs to match people; not offered on the console).
 */
export async function nationalWorkbook(
  data: { households: NationalHousehold[]; members: NationalMember[] },
  timeZone: string,
  { fullNumbers = false }: { fullNumbers?: boolean } = {},
): Promise<Buffer> {
  const id = (n: string | null) => (!n ? '' : fullNumbers ? n : maskIdNumber(n));
  const tel = (n: string | null) => (!n ? '' : fullNumbers ? n : maskPhone(n));
  const wb = await newWorkbook();
  wb.creator = '守望';
  const local = (d: Date) => localParts(d, timeZone);
  const monitored = (h: NationalHousehold) => h.status === 'monitored';
  addSheet(
    wb,
    '户信息',
    HOUSEHOLD_COLUMNS,
    data.households.map((h) => {
      const risks = nationalRisks(h.riskTypes);
      return {
        county: h.county,
        township: h.township,
        village: h.village,
        group: h.groupName,
        id: h.householdId,
        head: h.headName,
        headId: id(h.headIdNumber),
        phone: tel(h.phone),
        address: h.address,
        type: HOUSEHOLD_TYPE[h.status],
        kind: h.kind ? MONITORING_KIND[h.kind] : '',
        included: yearMonth(h.includedAt, local),
        ...Object.fromEntries(RISKS.map((c, i) => [c.key, risks[i] ?? ''])),
        income: h.income,
        removed: monitored(h) ? (h.removedAt ? '是' : '否') : '',
        mode: h.removedAt ? (h.removalMode === 'natural' ? '自然消除' : '帮扶消除') : '',
        removedAt: yearMonth(h.removedAt, local),
        ...Object.fromEntries(
          MEASURE_COLUMNS.map((m) => [
            m.header,
            h.measureTypes
              .filter((x) => m.types.includes(x))
              .map((x) => MEASURE_NAME[x] ?? x)
              .join('、'),
          ]),
        ),
      };
    }),
    timeZone,
  );
  addSheet(
    wb,
    '家庭成员',
    MEMBER_COLUMNS,
    data.members.map((m) => ({
      id: m.householdId,
      name: m.name,
      idNumber: id(m.idNumber),
      // The national exports always carry 性别: when the roll has none, the ID number's 17th digit tells.
      sex: m.sex || (m.idNumber?.length === 18 ? (Number(m.idNumber[16]) % 2 === 1 ? '男' : '女') : ''),
      birth: m.birthDate,
      relation: m.relation,
      labour: m.labour ? LABOUR_SKILL[m.labour] : '',
      health: HEALTH_STATUS[m.health] ?? m.health,
      schooling: SCHOOLING_STATUS[m.schooling] ?? m.schooling,
      disability: m.disability,
      phone: tel(m.phone),
    })),
    timeZone,
  );
  return Buffer.from(await wb.xlsx.writeBuffer());
}
