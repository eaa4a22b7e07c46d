import { randomUUID } from 'node:crypto';
import type Router from '@koa/router';
import { z } from 'zod';
import { CaseNumber } from '../src/domain/console/console-queries.js';
import type { CadreOutcome } from '../src/domain/ports/cadre.js';
import type { ConsoleProcedureAction } from '../src/domain/use-cases/console-procedure-action.js';
import { AppError } from '../src/http/app-error.js';
import { actionDonePage } from '../src/web/case-action-page.js';
import type { ConsoleFrame } from '../src/web/console-frame.js';
import type { Viewer } from '../src/web/viewers.js';

const reason = z.string().trim().min(1, '请写明原因。').max(200, '原因不超过 200 个字。');
const Forms = {
  pass: z.object({ note: z.string().trim().max(200, '意见不超过 200 个字。').default('') }),
  return: z.object({ reason }),
  reject: z.object({ reason }),
} as const;

export interface ProcedureRoutesDeps extends Pick<ConsoleFrame, 'signedIn' | 'show' | 'form' | 'param'> {
  act(viewer: Viewer, number: string, action: ConsoleProcedureAction): Promise<CadreOutcome | null>;
  deliver(out: CadreOutcome, key: string): Promise<void>;
}

/** 通过 / 退回 / 不通过 of a procedure step from the case page (乡镇审核 by township staff, 县级确认 by the county). */
export function procedureRoutes(router: Router, { act, deliver, signedIn, show, form, param }: ProcedureRoutesDeps) {
  for (const kind of Object.keys(Forms) as Array<keyof typeof Forms>)
    router.post(
      `/console/cases/:number/procedure/${kind}`,
      signedIn(async (ctx, viewer) => {
        const number = param(CaseNumber, ctx.params.number);
        const fields = await form(ctx, Forms[kind] as z.ZodType<Record<string, string>>);
        const out = await act(viewer, number, { kind, ...fields } as ConsoleProcedureAction);
        if (!out) throw new AppError(404, 'not_found', `没有编号为 ${number} 的案件，或不在您的管辖范围内。`);
        await deliver(out, randomUUID());
        ctx.status = out.changed ? 200 : 409;
        show(ctx, viewer, number, actionDonePage(number, out));
      }),
    );
}
