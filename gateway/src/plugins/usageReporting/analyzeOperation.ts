import type { DocumentNode, GraphQLSchema } from 'graphql';
import { LruCache } from '../cost/lruCache';
import { collectCoordinates, type VariableToWalk } from './collectCoordinates';
import { normalizeOperation, selectOperation } from './normalizeOperation';
import { findSubgraphs, type SubgraphOwnership } from './subgraphOwnership';
import type { OperationMeta } from './usageBuffer';

/** Everything usage reporting needs to know about an operation, computed once. */
export interface OperationAnalysis {
  meta: OperationMeta;
  /** Variables whose values are walked per request for enum values and input fields. */
  variables: VariableToWalk[];
  /** `meta.coordinates` as a set. */
  selected: ReadonlySet<string>;
}

/** The operation analyses of one gateway, cached per supergraph. */
export interface OperationAnalyzer {
  /**
   * The analysis of the operation a request runs, from the cache when its document (by Apollo's `queryHash`) or
   * its normalized signature was seen under the current supergraph. Undefined when the document has no such
   * operation.
   */
  analyze(input: {
    /** The served supergraph's id (keys the caches) and which subgraphs resolve each field. */
    model: { id: string; ownership: SubgraphOwnership };
    schema: GraphQLSchema;
    document: DocumentNode;
    queryHash: string;
    operationName?: string | null;
  }): OperationAnalysis | undefined;
}

/** Cached for a document without the operation asked for. */
const NO_OPERATION = Object.freeze({ none: true });

/**
 * Creates an analyzer whose two caches (by document hash and by signature) hold `cacheBytes` together (estimated,
 * half each; an analysis in both is weighed in both).
 */
export function createOperationAnalyzer(cacheBytes: number): OperationAnalyzer {
  const byDocument = new LruCache<string, OperationAnalysis | typeof NO_OPERATION>(Math.floor(cacheBytes / 2));
  const bySignature = new LruCache<string, OperationAnalysis>(Math.floor(cacheBytes / 2));
  let current: string | undefined;

  return {
    analyze({ model, schema, document, queryHash, operationName }) {
      if (current !== model.id) {
        // A new supergraph may change what each field is and who serves it.
        current = model.id;
        byDocument.clear();
        bySignature.clear();
      }
      const documentKey = `${queryHash}\u0000${operationName ?? ''}`;
      const cached = byDocument.get(documentKey);
      if (cached !== undefined) return cached === NO_OPERATION ? undefined : (cached as OperationAnalysis);

      const normalized = normalizeOperation(document, operationName);
      if (!normalized) {
        byDocument.set(documentKey, NO_OPERATION);
        return undefined;
      }
      let analysis = bySignature.get(normalized.signature);
      if (!analysis) {
        const { coordinates, variables } = collectCoordinates(
          schema,
          selectOperation(document, operationName) ?? document,
        );
        analysis = {
          meta: { ...normalized, coordinates, subgraphs: findSubgraphs(model.ownership, coordinates) },
          variables,
          selected: new Set(coordinates),
        };
        bySignature.set(normalized.signature, analysis);
      }
      byDocument.set(documentKey, analysis);
      return analysis;
    },
  };
}
