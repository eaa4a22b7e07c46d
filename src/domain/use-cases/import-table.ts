import type { CadreRow, HouseholdRow, ImportKind, LinkRow, MemberRow } from '../import/import-schemas.js';
import { parseTable, type ImportReport, type Parsed, type RowError } from '../import/parse-table.js';
import {
  distinctHouseholds,
  distinctMembers,
  planCadres,
  planHouseholds,
  planLinks,
  planMembers,
} from '../import/plan-rows.js';
import type { Table } from '../import/table.js';
import type { CountyImportStore, ImportDeps } from '../ports/county-import.js';

export type { ImportReport, RowError };

type Write = (store: CountyImportStore, rows: Parsed<unknown>[], errors: RowError[]) => Promise<number>;

const WRITE: Record<ImportKind, Write> = {
  async households(store, parsed, errors) {
    const rows = distinctHouseholds(parsed as Parsed<HouseholdRow>[], errors);
    const plan = planHouseholds(rows, await store.places(), errors);
    await store.upsertTownships(plan.townships);
    await store.upsertVillages(plan.villages);
    await store.upsertHouseholds(plan.households);
    await store.upsertHeads(plan.heads);
    return plan.households.length;
  },
  async members(store, parsed, errors) {
    const rows = distinctMembers(parsed as Parsed<MemberRow>[], errors);
    const households = await store.existingIds(
      'households',
      rows.map((r) => r.value.household_id),
    );
    const members = planMembers(rows, households, errors);
    await store.upsertMembers(members);
    return members.length;
  },
  async cadres(store, parsed, errors) {
    const cadres = planCadres(parsed as Parsed<CadreRow>[], await store.places(), errors);
    await store.upsertCadres(cadres);
    return cadres.length;
  },
  async links(store, parsed, errors) {
    const rows = parsed as Parsed<LinkRow>[];
    const places = await store.places();
    const cadres = await store.existingIds(
      'cadres',
      rows.map((r) => r.value.cadre_userid),
    );
    const households = await store.existingIds(
      'households',
      rows.filter((r) => r.value.kind === 'household').map((r) => r.value.target),
    );
    const links = planLinks(rows, { places, cadres, households }, errors);
    await store.upsertLinks(links);
    return links.length;
  },
};

/** Validates every row, writes the good ones in one transaction (audited), reports the bad ones by row number. */
export async function importTable(
  deps: ImportDeps,
  input: { kind: ImportKind; table: Table; actor?: string },
): Promise<ImportReport> {
  const { kind, table, actor = 'import' } = input;
  const rows = table.rows.length;
  const checked = parseTable(kind, table);
  if ('missing' in checked)
    return { kind, rows, written: 0, errors: [{ row: 1, reason: `缺少列：${checked.missing.join('、')}` }] };
  const { parsed, errors } = checked;
  const written = await deps.transaction(async (store) => {
    const n = await WRITE[kind](store, parsed, errors);
    await store.audit({
      actor,
      action: `import-${kind}`,
      entity: kind,
      entityId: '*',
      note: `${n} written, ${errors.length} rejected`,
    });
    return n;
  });
  errors.sort((a, b) => a.row - b.row);
  return { kind, rows, written, errors };
}
