// Kept for the console's importers until they move to the new homes (see ARCHITECTURE.md); nothing new imports it.
export type { ImportReport, RowError } from '../domain/import/parse-table.js';
