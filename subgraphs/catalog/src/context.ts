import type { BaseContext, Database } from '@switchyard/subgraph-kit';
import type * as dbSchema from './db/schema';
import type { CatalogLoaders } from './loaders/catalogLoaders';

export interface CatalogContext extends BaseContext {
  /** The catalog database, for paginated reads that are not per-key loads. */
  db: Database<typeof dbSchema>;
  loaders: CatalogLoaders;
  /** Largest `first` a paginated field accepts (kit config `maxPageSize`). */
  maxPageSize: number;
}
