import type { BaseContext, Database } from '@switchyard/subgraph-kit';
import type * as dbSchema from './db/schema';
import type { SupplierLoaders } from './loaders/supplierLoaders';

export interface SuppliersContext extends BaseContext {
  /** The suppliers database, for paginated reads that are not per-key loads. */
  db: Database<typeof dbSchema>;
  loaders: SupplierLoaders;
  /** Largest `first` a paginated field accepts (kit config `maxPageSize`). */
  maxPageSize: number;
}
