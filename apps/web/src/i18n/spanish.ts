import { byCatalog, type Table } from './translations';

export { Translations } from './translations';

/**
 * Where each catalog's Spanish is, by catalog id. Downloaded only by people who read
 * Spanish, as is each catalog's Spanish, when a page declaring the catalog needs it.
 */
export const LOADERS = byCatalog(import.meta.glob<Table>('../**/*.es.ts', { import: 'default' }));
