import type { Places } from '../domain/ports/console.js';
import { html, options, raw, type Raw } from './html.js';

/**
 * 乡镇 → 村: choosing a township hides the other townships' villages at once (without script, the list
 * comes from the server already narrowed to the township chosen at 筛选).
 */
const DEPENDENT = `document.querySelectorAll('select[name=township]').forEach(function(t){var v=t.form&&t.form.querySelector('select[name=village]');if(!v)return;
t.addEventListener('change',function(){[].forEach.call(v.options,function(o){var off=!!(o.value&&t.value&&o.dataset.township!==t.value);o.hidden=off;o.disabled=off});
if(v.selectedOptions[0]&&v.selectedOptions[0].disabled)v.value=''})})`;

/** The 乡镇 and 村 selects of every working list (a township's staff get only 村: their villages). */
export function placeFilters(places: Places, f: { township?: string; village?: string }, county: boolean): Raw {
  const off = (townshipId: string) => county && !!f.township && townshipId !== f.township;
  return html`${
    county
      ? html`<label>乡镇<select name="township">${options(
          places.townships.map((t) => [t.id, t.name] as const),
          f.township,
        )}</select></label>`
      : ''
  }
<label>村<select name="village"><option value="">全部</option>${places.villages.map(
    (v) =>
      html`<option value="${v.id}" data-township="${v.townshipId}"${v.id === f.village ? raw(' selected') : ''}${
        off(v.townshipId) ? raw(' hidden disabled') : ''
      }>${v.name}</option>`,
  )}</select></label>${county ? html`<script>${raw(DEPENDENT)}</script>` : ''}`;
}
