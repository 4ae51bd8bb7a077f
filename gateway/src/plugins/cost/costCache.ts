import {
  type CostModel,
  CostModelError,
  calculateCost,
  calculateIntrospectionCost,
  hasIntrospectionFields,
} from '@switchyard/cost-model';
import type { DocumentNode, GraphQLSchema } from 'graphql';
import { estimateBytes } from '../../caching/estimateBytes';
import { SwitchyardError } from '../../errors';
import type { CostContributor } from './findCostContributors';
import { findCostVariables } from './findCostVariables';
import { LruCache } from './lruCache';
import { COST_VARIANTS_PER_OPERATION } from './options';

/**
 * An estimate: the cost of the data and of the introspection fields (0 without any), or the error that made it
 * impossible (`LIST_SIZE_ARGUMENT_REQUIRED`).
 */
export type CostEstimate =
  | { requested: number | undefined; introspection: number | undefined; contributors?: CostContributor[] }
  | { error: SwitchyardError };

interface OperationEntry {
  variables: string[];
  introspection: boolean;
  estimates: Map<string, CostEstimate>;
}

/** Room kept for each of an operation's cost variants when it is weighed (a key of variable values and an estimate). */
const VARIANT_BYTES = 256;

/**
 * Estimated costs keyed by (supergraph id, document hash, operation name, values of the variables that change
 * sizes), holding at most `maxBytes` (estimated, each operation weighed with room for all its variants). A miss
 * costs one pass to find those variables and one estimate; a hit costs a map lookup and a small `JSON.stringify`.
 */
export function createCostCache(maxBytes: number) {
  const operations = new LruCache<string, OperationEntry>(
    maxBytes,
    (entry, key) =>
      estimateBytes(key) + estimateBytes(entry.variables) + 64 + COST_VARIANTS_PER_OPERATION * VARIANT_BYTES,
  );
  return {
    estimate(input: {
      supergraphId: string;
      documentHash: string;
      schema: GraphQLSchema;
      model: CostModel;
      document: DocumentNode;
      operationName: string | null | undefined;
      variables: Record<string, unknown> | undefined;
      defaultListSize: number;
    }): CostEstimate {
      const key = `${input.supergraphId}\u0000${input.documentHash}\u0000${input.operationName ?? ''}`;
      let entry = operations.get(key);
      if (!entry) {
        entry = {
          variables: findCostVariables(input.schema, input.model, input.document),
          introspection: hasIntrospectionFields(input.document),
          estimates: new Map(),
        };
        operations.set(key, entry);
      }
      const variantKey =
        entry.variables.length === 0
          ? ''
          : JSON.stringify(entry.variables.map((name) => input.variables?.[name] ?? null));
      const cached = entry.estimates.get(variantKey);
      if (cached) return cached;
      let estimate: CostEstimate;
      try {
        estimate = {
          requested: calculateCost(input),
          introspection: entry.introspection ? calculateIntrospectionCost(input) : 0,
        };
      } catch (error) {
        if (!(error instanceof CostModelError)) throw error;
        estimate = { error: new SwitchyardError(error.code, error.message, error.data) };
      }
      if (entry.estimates.size >= COST_VARIANTS_PER_OPERATION) entry.estimates.clear();
      entry.estimates.set(variantKey, estimate);
      return estimate;
    },
    clear: () => operations.clear(),
  };
}
