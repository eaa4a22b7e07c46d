import type { StatisticsFacts } from '../statistics/facts.js';
import type { NationalExportReads } from './national-export.js';

/** The statistics' reads (adapter: src/store/statistics-store.ts). */
export interface StatisticsReads {
  /**
   * The facts in scope (one township's, or null: the county's): every case with its step dates, the
   * warnings from `from` on, open tasks, visit deadlines week by week over [weeksFrom, to), and the
   * lifted households with their latest income.
   */
  statisticsFacts(
    scope: { townshipId: string | null },
    window: { from: Date; to: Date; weeksFrom: Date },
  ): Promise<StatisticsFacts>;
}

/** What the console's 统计 pages need (absent from the console's deps: not served). */
export interface StatisticsConsole {
  reads: StatisticsReads;
  /** The monitoring line the 零返贫 check compares incomes with. */
  monitoringLine: number;
  /** The chart library's file (ECharts from node_modules: the console loads nothing from a CDN). */
  chartLibrary(): Promise<Uint8Array>;
  /** The register for the upward export (上报导出, national layout). */
  national: NationalExportReads;
}
