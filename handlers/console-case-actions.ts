import { randomUUID } from 'node:crypto';
import type Router from '@koa/router';
import type { Context } from 'koa';
import { z } from 'zod';
import { html, type Raw } from '../src/web/html.js';
import type { Viewer } from '../src/web/viewers.js';
import type { CadreOutcome } from '../src/domain/ports/cadre.js';
import type { ConsoleCaseAction } from '../src/domain/use-cases/console-case-action.js';
import { AppError } from '../src/http/app-error.js';
import { readRawBody } from '../src/http/read-body.js';

export interface CaseActionRoutesDeps {
  /** Runs 关联 / 改派 for the viewer; null when the case is not theirs. */
  act(viewer: Viewer, number: string, action: ConsoleCaseAction): Promise<CadreOutcome | null>;
  /** Sends what the action led to (new cards, notices); `key` makes it idempotent. */
  deliver(out: CadreOutcome, key: string): Promise<void>;
  signedIn(handler: (ctx: Context, viewer: Viewer) => Promise<void>): (ctx: Context) => Promise<void>;
  show(ctx: Context, viewer: Viewer, title: string, body: Raw): void;
}

const NUMBER = z.string().regex(/^SW\d{10}$/, '编号格式为 SW 加 10 位数字。');
const LinkForm = z.object({ target: z.string().trim().min(1, '请填写户号或户主姓名。').max(40, '户号或姓名过长。') });
const ReassignForm = z.object({ to: z.string().trim().min(1, '请填写要改派的同事。').max(64, '同事姓名或账号过长。') });

/** 关联 and 改派 on the console's case page (county, or the township the case is in). */
export function caseActionRoutes(router: Router, { act, deliver, signedIn, show }: CaseActionRoutesDeps): void {
  const route = <T>(verb: 'link' | 'reassign', schema: z.ZodType<T>, toAction: (form: T) => ConsoleCaseAction) =>
    router.post(
      `/console/cases/:number/${verb}`,
      signedIn(async (ctx, viewer) => {
        const number = NUMBER.safeParse(ctx.params.number);
        if (!number.success) throw new AppError(400, 'bad_form', number.error.issues[0]!.message);
        const form = schema.safeParse(Object.fromEntries(new URLSearchParams(await readRawBody(ctx.req, 4096))));
        if (!form.success) throw new AppError(400, 'bad_form', form.error.issues.map((i) => i.message).join(''));
        const out = await act(viewer, number.data, toAction(form.data));
        if (!out) throw new AppError(404, 'not_found', `没有编号为 ${number.data} 的案件，或不在您的管辖范围内。`);
        await deliver(out, randomUUID());
        ctx.status = out.changed ? 200 : 409;
        show(
          ctx,
          viewer,
          number.data,
          html`<p class="${out.changed ? 'ok' : 'error'}">${out.reply ?? ''}</p><p><a href="/console/cases/${number.data}">返回案件 ${number.data}</a></p>`,
        );
      }),
    );
  route('link', LinkForm, (f) => ({ kind: 'link', target: f.target }));
  route('reassign', ReassignForm, (f) => ({ kind: 'reassign', to: f.to }));
}
