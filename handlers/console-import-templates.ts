import { RollKindSchema } from '../src/domain/console/console-queries.js';
import { AppError } from '../src/http/app-error.js';
import type { ConsoleRoutes } from './console-deps.js';

/** The import templates (headers and one example row), as XLSX or CSV, linked from the import page. */
export const importTemplateRoutes: ConsoleRoutes = (router, deps, { countyOnly, download }) => {
  router.get(
    '/console/import/template/:file',
    countyOnly(async (ctx) => {
      const m = /^(\w+)\.(csv|xlsx)$/.exec(ctx.params.file ?? '');
      const kind = RollKindSchema.safeParse(m?.[1]);
      if (!m || !kind.success) throw new AppError(404, 'not_found', '没有这种导入模板。');
      const t = await deps.imports.template(kind.data, m[2] as 'csv' | 'xlsx');
      download(ctx, t.name, t.body, m[2] === 'xlsx' ? undefined : 'text/csv; charset=utf-8');
    }),
  );
};
