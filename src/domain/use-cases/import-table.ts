import type { CadreRow, HouseholdRow, ImportKind, LinkRow, MemberRow } from '../import/import-schemas.js';
import { mapColumns, parseRow, type ImportReport, type Parsed, type RowError } from '../import/parse-table.js';
import {
  distinctHouseholds,
  distinctMembers,
  planCadres,
  planHouseholds,
  planLinks,
  planMembers,
  rememberPlaces,
  seenKeys,
} from '../import/plan-rows.js';
import type { TableRow, TableStream } from '../import/table.js';
import type { CountyImportStore, ImportDeps, Places } from '../ports/county-import.js';

export type { ImportReport, RowError };

/** Rows validated and written together: memory stays flat however long the file is. */
export const IMPORT_BATCH = 500;

/** Writes one batch of a file's parsed rows; keeps what later batches need (keys seen, places made). */
type BatchWriter = (rows: Parsed<unknown>[], errors: RowError[]) => Promise<number>;

const WRITERS: Record<ImportKind, (store: CountyImportStore, actor: string) => BatchWriter> = {
  households(store, actor) {
    const seen = seenKeys();
    let places: Places | undefined;
    return async (parsed, errors) => {
      const rows = distinctHouseholds(parsed as Parsed<HouseholdRow>[], errors, seen);
      places ??= await store.places();
      const plan = planHouseholds(rows, places, errors);
      await store.upsertTownships(plan.townships);
      await store.upsertVillages(plan.villages);
      rememberPlaces(places, plan);
      await store.upsertHouseholds(plan.households);
      await store.upsertHeads(plan.heads);
      await store.recordHistories(plan.histories, actor);
      return plan.households.length;
    };
  },
  members(store) {
    const seen = seenKeys();
    return async (parsed, errors) => {
      const rows = distinctMembers(parsed as Parsed<MemberRow>[], errors, seen);
      const households = await store.existingIds(
        'households',
        rows.map((r) => r.value.household_id),
      );
      const members = planMembers(rows, households, errors);
      await store.upsertMembers(members);
      return members.length;
    };
  },
  cadres(store) {
    const seen = new Map<string, number>();
    let places: Places | undefined;
    return async (parsed, errors) => {
      places ??= await store.places();
      const cadres = planCadres(parsed as Parsed<CadreRow>[], places, errors, seen);
      await store.upsertCadres(cadres);
      return cadres.length;
    };
  },
  links(store) {
    let places: Places | undefined;
    return async (parsed, errors) => {
      const rows = parsed as Parsed<LinkRow>[];
      places ??= await store.places();
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
    };
  },
};

/** The rows in batches of `size`, as they come. */
async function* batches(rows: TableStream['rows'], size: number): AsyncGenerator<TableRow[]> {
  let batch: TableRow[] = [];
  for await (const row of rows) {
    batch.push(row);
    if (batch.length >= size) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length) yield batch;
}

/**
 * Validates every row, writes the good ones in one transaction (audited), reports the bad ones by row number.
 * A streamed table is read as it is written, a batch at a time: a bad row only ever costs its own line.
 */
export async function importTable(
  deps: ImportDeps,
  input: { kind: ImportKind; table: TableStream; actor?: string },
): Promise<ImportReport> {
  const { kind, table, actor = 'import' } = input;
  let rows = 0;
  const columns = mapColumns(kind, table.headers);
  if ('missing' in columns) {
    for await (const _ of table.rows) rows++;
    return { kind, rows, written: 0, errors: [{ row: 1, reason: `缺少列：${columns.missing.join('、')}` }] };
  }
  const errors: RowError[] = [];
  const written = await deps.transaction(async (store) => {
    const write = WRITERS[kind](store, actor);
    let n = 0;
    for await (const batch of batches(table.rows, IMPORT_BATCH)) {
      rows += batch.length;
      const parsed: Parsed<unknown>[] = [];
      for (const r of batch) {
        const one = parseRow(kind, columns.index, r);
        if ('parsed' in one) parsed.push(one.parsed);
        else errors.push(one.error);
      }
      n += await write(parsed, errors);
    }
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
