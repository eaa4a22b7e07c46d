import type { ConsoleDeps } from '../../handlers/console.js';
import type { Db } from '../store/db.js';
import type { Policy } from '../domain/policy.js';
import type { RollImports } from '../domain/ports/console.js';
import { csvTemplate, SHEET_NAME, xlsxTemplate } from '../files/import-template.js';
import { bulletinStore } from '../store/bulletin-store.js';
import { consoleTokens } from '../store/console-token-store.js';
import { consoleReads } from '../store/pg-console-reads.js';
import { registerStore } from '../store/register-store.js';
import { pairDutyStore } from '../store/pair-duty-store.js';
import { statisticsStore } from '../store/statistics-store.js';
import { nationalExportStore } from '../store/national-export-store.js';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { scheduleUnscheduled } from '../store/sweep-store.js';
import { consoleViewers } from '../web/viewers.js';

// ECharts from node_modules (the console loads nothing from a CDN), read once.
let echarts: Promise<Buffer> | undefined;
const chartLibrary = () =>
  (echarts ??= readFile(createRequire(import.meta.url).resolve('echarts/dist/echarts.min.js')));

/** The county roll imports over the database (the RollImports port). */
export function rollImports(db: Db, policy: Policy): RollImports {
  return {
    // The readers (csv-parse, the xlsx reader) load with the first import, not with every web process.
    importFile: async (kind, file, actor, charset) =>
      (await import('./import-file.js')).importFileInto(db, kind, file, actor, charset),
    scheduleUnscheduled: (at) => scheduleUnscheduled(db, policy, at),
    template: async (kind, format) => ({
      name: `${SHEET_NAME[kind]}导入模板.${format}`,
      body: format === 'xlsx' ? await xlsxTemplate(kind) : csvTemplate(kind),
    }),
  };
}

/**
 * The console's ports: who is signed in, what its pages read, bulletins, imports. Lists, statistics, the
 * register and exports read `readDb` (a replica when DATABASE_READ_URL is set); sign-in, writes and the
 * pages shown right after an action (a case, a household's register page) read the primary, so a
 * cadre never sees the state from before their own action.
 */
export function consolePorts(
  db: Db,
  policy: Policy,
  timeZone: string,
  adminToken: string | undefined,
  readDb: Db = db,
): Pick<ConsoleDeps, 'viewers' | 'reads' | 'bulletins' | 'imports' | 'timeZone' | 'register' | 'statistics'> {
  const primary = consoleReads(db);
  return {
    viewers: consoleViewers(consoleTokens(db), adminToken),
    reads: {
      ...consoleReads(readDb),
      caseDetail: primary.caseDetail,
      timelineOf: primary.timelineOf,
      membersOf: primary.membersOf,
    },
    bulletins: { policy, timeZone, store: bulletinStore(db) },
    imports: rollImports(db, policy),
    timeZone,
    register: {
      reads: {
        ...registerStore(readDb),
        registerHousehold: registerStore(db).registerHousehold,
        dutyRecords: pairDutyStore(db).dutyRecords,
      },
      monitoringLine: policy.lines.monitoring,
      noticeDays: policy.procedure.noticeDays,
      pairHelper: policy.pairHelper,
    },
    statistics: {
      reads: statisticsStore(readDb),
      monitoringLine: policy.lines.monitoring,
      chartLibrary,
      national: nationalExportStore(readDb),
    },
  };
}
