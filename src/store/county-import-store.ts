import type { CountyImportStore, ImportDeps } from '../domain/ports/county-import.js';
import { writeAudit } from './audit-store.js';
import {
  existingIds,
  upsertCadres,
  upsertHeads,
  upsertHouseholds,
  upsertLinks,
  upsertMembers,
  upsertTownships,
  upsertVillages,
} from './county-store.js';
import type { Db, Queryable } from './db.js';
import { recordHistories } from './history-import-store.js';
import { listPlaces } from './place-store.js';

/** The CountyImportStore port over one connection or transaction. */
export function countyImportStore(db: Queryable): CountyImportStore {
  return {
    places: () => listPlaces(db),
    existingIds: (table, ids) => existingIds(db, table, ids),
    upsertTownships: (rows) => upsertTownships(db, rows),
    upsertVillages: (rows) => upsertVillages(db, rows),
    upsertHouseholds: (rows) => upsertHouseholds(db, rows),
    upsertHeads: (rows) => upsertHeads(db, rows),
    upsertMembers: (rows) => upsertMembers(db, rows),
    recordHistories: (rows, actor) => recordHistories(db, rows, actor),
    upsertCadres: (rows) => upsertCadres(db, rows),
    upsertLinks: (rows) => upsertLinks(db, rows),
    audit: (entry) => writeAudit(db, entry),
  };
}

/** An import's deps: each import one transaction. */
export function importDeps(db: Db): ImportDeps {
  return { transaction: (fn) => db.transaction((tx) => fn(countyImportStore(tx))) };
}
