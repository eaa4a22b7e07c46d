export type HouseholdStatus = 'ordinary' | 'lifted' | 'monitored';
export type MonitoringKind = 'unstable' | 'edge' | 'sudden';
/** 普通劳动力 / 弱劳动力 / 丧失劳动力 / 无劳动力. */
export type Labour = 'full' | 'partial' | 'lost' | 'none';
export type CadreRole = 'helper' | 'village' | 'township' | 'county';
export type LinkKind = 'household' | 'village' | 'area';

export const STATUS_LABEL: Record<HouseholdStatus, string> = {
  ordinary: '一般户',
  lifted: '脱贫户',
  monitored: '监测户',
};
export const MONITORING_LABEL: Record<MonitoringKind, string> = {
  unstable: '脱贫不稳定户',
  edge: '边缘易致贫户',
  sudden: '突发严重困难户',
};
export const ROLE_LABEL: Record<CadreRole, string> = {
  helper: '帮扶责任人',
  village: '包村干部',
  township: '包片领导',
  county: '县乡村振兴局',
};
export const LINK_LABEL: Record<LinkKind, string> = {
  household: '帮扶人包户',
  village: '包村',
  area: '包片',
};

export interface Township {
  id: string;
  name: string;
  county: string;
}
export interface Village {
  id: string;
  townshipId: string;
  name: string;
}

export interface Household {
  id: string;
  villageId: string;
  groupName: string;
  headName: string;
  phone: string | null;
  address: string;
  status: HouseholdStatus;
  monitoringKind: MonitoringKind | null;
  incomePerCapita: number | null;
}

export interface Member {
  householdId: string;
  name: string;
  /** Null for someone registered without one (a newborn, an import without ID numbers). */
  idNumber: string | null;
  relation: string;
  birthDate: string | null;
  phone: string | null;
  /** Null until the members import says (never assumed). */
  labour: Labour | null;
  disability: string;
  schooling: string;
  /** 男 / 女, '' unknown. */
  sex?: string;
  /** 健康 / 长期慢性病 / 大病 / 残疾, '' unknown. */
  health?: string;
}

export interface Cadre {
  userid: string;
  name: string;
  role: CadreRole;
  townshipId: string | null;
  phone: string | null;
}

export interface Link {
  kind: LinkKind;
  targetId: string;
  cadreUserid: string;
}
