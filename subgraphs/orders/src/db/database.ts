import type { Database } from '@switchyard/subgraph-kit';
import type * as dbSchema from './schema';

/** The drizzle database of the orders subgraph, over PGlite or PostgreSQL. */
export type OrdersDatabase = Database<typeof dbSchema>;
