import type { CadreOutcome } from '../domain/ports/cadre.js';
import { html, type Raw } from './html.js';

/** What a case action did, in one sentence, and the way back to the case. */
export function actionDonePage(number: string, out: CadreOutcome): Raw {
  return html`<p class="${out.changed ? 'ok' : 'error'}" id="action-result">${out.reply ?? ''}</p><p><a class="button" href="/console/cases/${number}">返回案件 ${number}</a></p>`;
}
