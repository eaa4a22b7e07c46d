import { RollKindSchema } from '../src/domain/console/console-queries.js';
import { importRoll } from '../src/domain/use-cases/import-roll.js';
import { AppError } from '../src/http/app-error.js';
import { withSpooledUpload } from '../src/http/read-upload.js';
import { importPage } from '../src/web/import-page.js';
import type { ConsoleRoutes } from './console-deps.js';

/** 导入导出 (county staff): the form, and an upload (bad rows reported by line, the rest written). */
export const importRoutes: ConsoleRoutes = (router, deps, { countyOnly, show }) => {
  router.get(
    '/console/import',
    countyOnly(async (ctx, viewer) => show(ctx, viewer, '导入导出', importPage())),
  );
  router.post(
    '/console/import',
    countyOnly(async (ctx, viewer) =>
      withSpooledUpload(ctx.req, 20 * 1024 * 1024, async (upload) => {
        const kind = RollKindSchema.safeParse(upload.fields.kind);
        if (!kind.success) return show(ctx, viewer, '导入导出', importPage({ error: kind.error.issues[0]!.message }));
        if (!upload.file)
          return show(ctx, viewer, '导入导出', importPage({ error: '请选择一个 .csv 或 .xlsx 文件。' }));
        const charset = upload.fields.charset || undefined;
        const input = { kind: kind.data, file: upload.file, actor: `console:${viewer.label}`, charset };
        // An unreadable file (not CSV or XLSX, an encoding we cannot read) gets its sentence on the form.
        const result = await importRoll(deps, input, deps.now()).catch((err: unknown) => {
          if (!(err instanceof AppError)) throw err;
          ctx.status = err.status;
          return { error: err.message };
        });
        show(ctx, viewer, '导入导出', importPage(result));
      }),
    ),
  );
};
