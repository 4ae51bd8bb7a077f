import type { BaseContext } from '@switchyard/subgraph-kit';
import type { OrdersDatabase } from './db/database';
import type { SupplyDirectory } from './directory/supplyDirectory';
import type { OrderLoaders } from './loaders/orderLoaders';

export interface OrdersContext extends BaseContext {
  loaders: OrderLoaders;
  /** The orders database, for `placeOrder`'s transaction; reads go through `loaders`. */
  db: OrdersDatabase;
  /** Where `placeOrder` checks supplies and offers. */
  directory: SupplyDirectory;
  /** Largest `first` a page of orders accepts. */
  maxPageSize: number;
}
