import type { MeasureType } from '../assistance/measure.js';
import type { RiskType } from '../policy.js';
import type { HouseholdStatus, Labour, MonitoringKind } from '../types.js';

/** A household as the upward export carries it (脱贫户 and 监测户 only: the national system's register). */
export interface NationalHousehold {
  householdId: string;
  county: string;
  township: string;
  village: string;
  groupName: string;
  headName: string;
  headIdNumber: string | null;
  phone: string | null;
  address: string;
  status: HouseholdStatus;
  kind: MonitoringKind | null;
  income: number | null;
  riskTypes: RiskType[];
  /** 识别监测时间 and 消除监测时间, from the cases' audit; null when none is on record. */
  includedAt: Date | null;
  removedAt: Date | null;
  removalMode: 'assisted' | 'natural' | null;
  measureTypes: MeasureType[];
}

export interface NationalMember {
  householdId: string;
  name: string;
  idNumber: string | null;
  relation: string;
  sex: string;
  /** YYYYMMDD, or '' when unknown. */
  birthDate: string;
  labour: Labour | null;
  health: string;
  schooling: string;
  disability: string;
  phone: string | null;
}

/** The upward export's reads (adapter: src/store/national-export-store.ts). */
export interface NationalExportReads {
  nationalRegister(): Promise<{ households: NationalHousehold[]; members: NationalMember[] }>;
}
