import { pgSchema } from 'drizzle-orm/pg-core';

/** The registry owns this PostgreSQL schema, so it can share a database with the subgraphs' schemas. */
export const registry = pgSchema('registry');
