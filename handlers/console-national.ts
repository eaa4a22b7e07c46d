import { exportNationalRegister } from '../src/domain/use-cases/export-national-register.js';
import { nationalWorkbook } from '../src/files/national-xlsx.js';
import { dateOnly } from '../src/web/dates.js';
import type { ConsoleRoutes } from './console-deps.js';

/** 上报导出: the county's register in the national system's export layout (county staff only). */
export const nationalExportRoutes: ConsoleRoutes = (router, deps, { countyOnly, download }) => {
  const reads = deps.statistics?.national;
  if (!reads) return;
  router.get(
    '/console/import/national.xlsx',
    countyOnly(async (ctx) => {
      const data = await exportNationalRegister({ national: reads });
      const body = await nationalWorkbook(data, deps.timeZone);
      download(ctx, `监测对象信息-上报-${dateOnly(deps.now(), deps.timeZone)}.xlsx`, body);
    }),
  );
};
