import { boolean, index, jsonb, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { OperationCostChange } from '../../costs/compareOperationCosts';
import { variants } from './graphs';
import { registry } from './registrySchema';

/** Usage of what a breaking change affects, as the check measured it. */
export interface StoredChangeUsage {
  requests: number;
  percent: number | null;
  clients: { name: string; version: string; requests: number }[];
  operations: { name: string | null; signature: string; requests: number }[];
  excludedClients: string[];
  /** Persisted documents selecting what the change affects (absent in checks stored before they were kept). */
  documents?: { client: string; clientVersion: string; id: string; name: string | null }[];
}

/** The stored outcome of a schema check: what the CLI printed, kept for the check's history. */
export interface StoredCheckResult {
  message: string;
  changes: {
    id: string;
    type: string;
    criticality: string;
    coordinate: string;
    message: string;
    /** Whether it failed the check (absent in checks stored before this was kept). */
    blocking?: boolean;
    usage?: StoredChangeUsage | null;
  }[];
  /** Operations the candidate made costlier or priced over the limit (absent in checks stored before). */
  costChanges?: OperationCostChange[];
  errors: { code: string; message: string; line?: number; column?: number; subgraph?: string }[];
  warnings: { code: string; message: string; line?: number; column?: number; subgraph?: string }[];
  /** Each contract of the variant under the proposed SDL (absent in checks stored before contracts). */
  contracts?: {
    variant: string;
    ok: boolean;
    changes: { id: string; type: string; criticality: string; coordinate: string; message: string }[];
    errors: { code: string; message: string }[];
  }[];
}

/** A schema check of a proposed subgraph SDL; checks never create versions. */
export const checks = registry.table(
  'checks',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    variantId: uuid('variant_id')
      .notNull()
      .references(() => variants.id, { onDelete: 'cascade' }),
    subgraphName: text('subgraph_name').notNull(),
    sdlHash: text('sdl_hash').notNull(),
    ok: boolean('ok').notNull(),
    result: jsonb('result').$type<StoredCheckResult>().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('checks_variant_id_created_at_idx').on(t.variantId, t.createdAt)],
);

export type CheckRow = typeof checks.$inferSelect;
