import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type { Executor } from '../db/openDatabase';
import { summarizeOperations } from '../repositories/operationUsageRepository';
import { listDocumentsWithClients } from '../repositories/persistedDocumentRepository';
import type { CheckCostSettings } from './checkCostSettings';
import {
  CostSource,
  compareOperationCosts,
  type OperationCostChange,
  type OperationToPrice,
  sortCostChanges,
} from './compareOperationCosts';
import { createOperationPricer, type PricedSupergraph } from './createOperationPricer';

/** What a check's cost comparison found, and how much it looked at. */
export interface CostRegressions {
  changes: OperationCostChange[];
  /** Operations priced under both supergraphs. */
  priced: number;
  /** Whether operations were left out past `maxOperations` (the quietest seen operations, then documents by id). */
  truncated: boolean;
}

/** Operations priced between two yields to the event loop, so a check never holds it for long. */
const PRICED_PER_TURN = 25;

/**
 * Prices the operations seen in the window (busiest first, excluded clients left out) and the persisted documents of
 * the variant's client versions under the served supergraph and the candidate, at most `maxOperations` of them,
 * and reports those that get costlier than the threshold or go over the gateway's limit.
 */
export async function findCostRegressions(
  db: Executor,
  input: {
    variantId: string;
    served: PricedSupergraph;
    candidate: PricedSupergraph;
    since: Date;
    until?: Date;
    excludeClients: readonly string[];
    settings: CheckCostSettings;
  },
): Promise<CostRegressions> {
  const { settings, excludeClients } = input;
  const seen = await summarizeOperations(db, input.variantId, {
    window: { since: input.since, until: input.until ?? new Date() },
    perClient: true,
  });
  const bySignature = new Map<string, OperationToPrice & { requests: number }>();
  for (const row of seen) {
    if (excludeClients.includes(row.clientName)) continue;
    const entry = bySignature.get(row.signature) ?? {
      source: CostSource.USAGE,
      id: row.signature,
      operationName: row.name || null,
      document: row.document,
      literalsHidden: true,
      clients: [],
      requests: 0,
    };
    entry.clients.push(`${row.clientName} ${row.clientVersion}`);
    entry.requests += row.requests;
    bySignature.set(row.signature, entry);
  }
  const used = [...bySignature.values()].sort((a, b) => b.requests - a.requests || a.id.localeCompare(b.id));
  const documents = await listDocumentsWithClients(db, input.variantId, {
    excludeClients,
    limit: Math.max(settings.maxOperations - Math.min(used.length, settings.maxOperations), 0) + 1,
  });
  const all: OperationToPrice[] = [
    ...used.map(({ requests: _, ...operation }) => ({ ...operation, clients: [...new Set(operation.clients)].sort() })),
    ...documents.map((document) => ({
      source: CostSource.PERSISTED,
      id: document.documentId,
      operationName: document.operationName,
      document: document.body,
      literalsHidden: false,
      clients: document.clients,
    })),
  ];
  const chosen = all.slice(0, settings.maxOperations);
  const changes: OperationCostChange[] = [];
  // Building the two schemas and cost models costs as much as pricing hundreds of operations: none to price, none built.
  if (chosen.length === 0) return { changes, priced: 0, truncated: all.length > 0 };
  const before = createOperationPricer(input.served, settings.defaultListSize);
  const after = createOperationPricer(input.candidate, settings.defaultListSize);
  for (let start = 0; start < chosen.length; start += PRICED_PER_TURN) {
    if (start > 0) await yieldToEventLoop();
    changes.push(...compareOperationCosts(chosen.slice(start, start + PRICED_PER_TURN), before, after, settings));
  }
  return {
    changes: sortCostChanges(changes),
    priced: chosen.length,
    truncated: all.length > chosen.length,
  };
}
