import type { AuditEntry } from '../audit-entry.js';
import type { CampaignScope, Progress } from '../campaign/campaign.js';
import type { ScreeningLine } from '../campaign/campaign-notice.js';
import type { HouseholdStatus } from '../types.js';
import type { CadreReportStore } from './cadre-reports.js';
import type { Scope } from './console.js';
import type { TableReader } from './county-import.js';

/** One household's screening in one campaign, as chat and upload see it. */
export interface ScreeningItem {
  campaignId: number;
  campaignName: string;
  deadline: Date;
  householdId: string;
  headName: string;
  villageName: string;
  townshipId: string;
  status: HouseholdStatus;
  /** Who the item was assigned to (帮扶责任人, else 包村干部); null when the chain has nobody. */
  cadre: string | null;
  result: 'none' | 'risk' | null;
  note: string;
}

/** A result as it is written to the item. */
export interface ScreeningResult {
  result: 'none' | 'risk';
  note: string;
  /** The report a found risk became. */
  inboxId: number | null;
  by: string;
  via: 'chat' | 'upload';
  at: Date;
}

/** The items a result is written to, inside one transaction (adapter: src/store/campaign-item-store.ts). */
export interface CampaignItemStore {
  /** Items of every campaign for the households named by 户号 or 户主姓名 that are in this cadre's charge. */
  screeningItemsOf(userid: string, idOrName: string): Promise<ScreeningItem[]>;
  /** The cadre's items not screened yet, per campaign (newest first), with up to `limit` households each. */
  outstandingFor(
    userid: string,
    limit: number,
  ): Promise<Array<{ name: string; deadline: Date; total: number; households: ScreeningLine[] }>>;
  /** A campaign's items for these households, within the township (null: the county). */
  campaignItems(campaignId: number, townshipId: string | null, householdIds: string[]): Promise<ScreeningItem[]>;
  /** The items' new results, in one statement (an upload writes thousands). */
  setScreenings(campaignId: number, rows: Array<ScreeningResult & { householdId: string }>): Promise<void>;
  /** The answers' audit rows, in one statement. */
  audits(entries: AuditEntry[]): Promise<void>;
}

/** What recording results needs: the items and their audit rows, 上报's inbox rows. */
export interface ScreeningStore extends CampaignItemStore, CadreReportStore {}

/** What starting a campaign writes, inside one transaction (adapter: src/store/campaign-store.ts). */
export interface CampaignStartStore {
  countInScope(scope: CampaignScope): Promise<number>;
  /** The campaign and one item per household in scope, assigned along the chain; its id. */
  createCampaign(c: {
    name: string;
    scope: CampaignScope;
    deadline: Date;
    createdBy: string;
    at: Date;
  }): Promise<number>;
  /** The campaign's households by the cadre they were assigned to (null: nobody in the chain). */
  assignments(campaignId: number): Promise<Array<{ cadre: string | null; households: ScreeningLine[] }>>;
  audit(e: AuditEntry): Promise<void>;
}

export interface CampaignRow {
  id: number;
  name: string;
  scope: CampaignScope;
  deadline: Date;
  createdAt: Date;
  createdBy: string;
  /** Within the viewer's scope. */
  progress: Progress;
}

export interface VillageProgress extends Progress {
  villageId: string;
  villageName: string;
  townshipName: string;
  /** The cadres the village's items went to, by name. */
  cadres: string[];
}

export interface FoundRisk {
  householdId: string;
  headName: string;
  villageName: string;
  note: string;
  screenedBy: string;
  screenedAt: Date;
  /** The case triage opened or joined; null while the report waits for triage. */
  caseNumber: string | null;
}

/** A row of the results workbook: the household, who it went to, and its result so far. */
export interface SheetRow {
  householdId: string;
  headName: string;
  townshipName: string;
  villageName: string;
  status: HouseholdStatus;
  cadreName: string;
  result: 'none' | 'risk' | null;
  note: string;
}

/** What the console's 集中排查 pages read, always within the viewer's township (adapter: campaign-store.ts). */
export interface CampaignReads {
  /** Campaigns with households in scope, newest first. */
  campaigns(scope: Scope): Promise<CampaignRow[]>;
  campaign(scope: Scope, id: number): Promise<CampaignRow | null>;
  villageProgress(scope: Scope, id: number): Promise<VillageProgress[]>;
  foundRisks(scope: Scope, id: number): Promise<FoundRisk[]>;
  sheetRows(scope: Scope, id: number): Promise<SheetRow[]>;
  /** Township and village names by id (for the scope in words). */
  placeNames(): Promise<Map<string, string>>;
}

export interface StartCampaignDeps {
  timeZone: string;
  transaction<R>(fn: (store: CampaignStartStore) => Promise<R>): Promise<R>;
  /** Each cadre's one message about the campaign, recorded in the outbox and queued (once per campaign and cadre). */
  notifyCadres(campaignId: number, notices: Array<{ touser: string; content: string }>): Promise<void>;
}

export interface ScreeningResultsDeps {
  transaction<R>(fn: (store: ScreeningStore) => Promise<R>): Promise<R>;
  tables: Pick<TableReader, 'read'>;
  /** Found risks' reports to triage once the results are committed. */
  outbox: { inbox(rows: Array<{ id: number; source: string }>): Promise<void> };
}

/** What the console's 集中排查 pages need (absent from the console's deps: not served). */
export interface CampaignConsole {
  reads: CampaignReads;
  start: StartCampaignDeps;
  results: ScreeningResultsDeps;
}
