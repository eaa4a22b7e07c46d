export type HouseholdStatus = 'ordinary' | 'lifted' | 'monitored';
export type MonitoringKind = 'unstable' | 'edge' | 'sudden';
export type Labour = 'full' | 'partial' | 'none';
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
  idNumber: string;
  relation: string;
  birthDate: string | null;
  phone: string | null;
  labour: Labour;
  disability: string;
  schooling: string;
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
