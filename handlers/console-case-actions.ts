import { randomUUID } from 'node:crypto';
import type Router from '@koa/router';
import { CaseActionForms, CaseNumber } from '../src/domain/console/console-queries.js';
import type { CadreOutcome } from '../src/domain/ports/cadre.js';
import type { ConsoleCaseAction } from '../src/domain/use-cases/console-case-action.js';
import { AppError } from '../src/http/app-error.js';
import type { ConsoleFrame } from '../src/web/console-frame.js';
import { actionDonePage } from '../src/web/case-action-page.js';
import type { Viewer } from '../src/web/viewers.js';

export interface CaseActionRoutesDeps extends Pick<ConsoleFrame, 'signedIn' | 'show' | 'form' | 'param'> {
  /** Runs 关联 / 改派 / 督办 / 备注 for the viewer; null when the case is not theirs. */
  act(viewer: Viewer, number: string, action: ConsoleCaseAction): Promise<CadreOutcome | null>;
  /** Sends what the action led to (new cards, notices); `key` makes it idempotent. */
  deliver(out: CadreOutcome, key: string): Promise<void>;
}

/** 关联, 改派, 督办 and 备注 on the console's case page (county, or the township the case is in). */
export function caseActionRoutes(
  router: Router,
  { act, deliver, signedIn, show, form, param }: CaseActionRoutesDeps,
): void {
  for (const kind of Object.keys(CaseActionForms) as Array<keyof typeof CaseActionForms>)
    router.post(
      `/console/cases/:number/${kind}`,
      signedIn(async (ctx, viewer) => {
        const number = param(CaseNumber, ctx.params.number);
        const fields: object = await form(ctx, CaseActionForms[kind] as (typeof CaseActionForms)['note']);
        const action = { kind, ...fields } as ConsoleCaseAction;
        const out = await act(viewer, number, action);
        if (!out) throw new AppError(404, 'not_found', `没有编号为 ${number} 的案件，或不在您的管辖范围内。`);
        await deliver(out, randomUUID());
        ctx.status = out.changed ? 200 : 409;
        show(ctx, viewer, number, actionDonePage(number, out));
      }),
    );
}
