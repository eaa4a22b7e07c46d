// Kept for the console's importers until they move to the new homes (see ARCHITECTURE.md); nothing new imports it.
export { importFileInto as importFile } from '../wiring/import-file.js';
