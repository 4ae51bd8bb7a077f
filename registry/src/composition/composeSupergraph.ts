import { type CompositionSuccess, mergeSubgraphs } from '@apollo/composition';
import {
  defaultPrintOptions,
  printSchema,
  Subgraphs,
  shallowOrderPrintedDefinitions,
  upgradeSubgraphsIfNecessary,
} from '@apollo/federation-internals';
import type { ASTNode, GraphQLError } from 'graphql';
import type { SchemaError } from '../changes/types';
import { createSubgraphBuilder, type SubgraphBuilder, type SubgraphInput } from './createSubgraphBuilder';
import { toSchemaError } from './toSchemaError';
import { type ValidatedExtractions, validateSatisfiabilityRemembering } from './validateSatisfiabilityRemembering';

export type { SubgraphInput } from './createSubgraphBuilder';

/** Builds every subgraph afresh: for callers without a cache of their own. */
const uncached = createSubgraphBuilder(0);

/** The outcome of composing: the supergraph and its API schema, or the composition errors. */
export type ComposeSupergraphResult =
  | { ok: true; supergraphSdl: string; apiSchemaSdl: string; hints: SchemaError[] }
  | { ok: false; errors: SchemaError[] };

/**
 * Subgraphs merged into a supergraph whose satisfiability is not validated yet: its SDL and API schema are final
 * should it validate, so work on them (the diff) can run while `validateSatisfiability` does.
 */
export interface MergedSupergraph {
  ok: true;
  supergraphSdl: string;
  apiSchemaSdl: string;
  /**
   * Runs composition's last and longest step, checking that every query of the API schema can be planned over the
   * subgraphs; the composition's outcome, with the hints of merging and of this step.
   */
  validateSatisfiability(): ComposeSupergraphResult;
}

/**
 * Composes subgraphs into a Federation 2 supergraph with Apollo's composition, as `composeServices` does, but with
 * each subgraph built by `builder`, which may hand back one it built for an earlier composition. Errors keep Apollo's
 * codes and name the subgraph they come from when Apollo knows it; composition hints come back as warnings. The API
 * schema (what clients see: no join directives, no `@inaccessible` elements) is printed for diffing and changelogs.
 * Subgraph SDL that does not parse is reported as `INVALID_GRAPHQL` rather than thrown.
 */
export function composeSupergraph(
  subgraphs: SubgraphInput[],
  builder: SubgraphBuilder = uncached,
): ComposeSupergraphResult {
  const merged = mergeSupergraph(subgraphs, builder);
  return merged.ok ? merged.validateSatisfiability() : merged;
}

/**
 * `composeSupergraph` in two steps: builds, validates and merges the subgraphs and prints the supergraph and its
 * API schema, leaving satisfiability to `validateSatisfiability` on the result. The steps are those of Apollo's
 * `compose` (upgrade, validate, `mergeSubgraphs`, `validateSatisfiability`, print), with the supergraph printed
 * before the satisfiability step instead of after it, which reads the merged schema without changing it: the SDL
 * is byte for byte `composeServices`'. With `validated`, the satisfiability step validates only the subgraphs it
 * extracts that no earlier composition extracted (see `validateSatisfiabilityRemembering`).
 */
export function mergeSupergraph(
  subgraphs: SubgraphInput[],
  builder: SubgraphBuilder = uncached,
  validated?: ValidatedExtractions,
): MergedSupergraph | { ok: false; errors: SchemaError[] } {
  const built = new Subgraphs();
  const syntaxErrors: SchemaError[] = [];
  const buildErrors: GraphQLError[] = [];
  for (const subgraph of subgraphs) {
    const result = builder.build(subgraph);
    if (result.ok) built.add(result.subgraph);
    else if ('syntaxError' in result)
      syntaxErrors.push(toSchemaError(result.syntaxError, 'INVALID_GRAPHQL', subgraph.name));
    else buildErrors.push(...result.errors);
  }
  if (syntaxErrors.length > 0) return { ok: false, errors: syntaxErrors };
  if (buildErrors.length > 0) return compositionErrors(buildErrors);

  const upgraded = upgradeSubgraphsIfNecessary(built);
  if (upgraded.errors) return compositionErrors(upgraded.errors);
  const validationErrors = upgraded.subgraphs.validate();
  if (validationErrors) return compositionErrors(validationErrors);
  const merged = mergeSubgraphs(upgraded.subgraphs);
  if (merged.errors) return compositionErrors(merged.errors);
  const { supergraph, hints } = merged;

  const satisfiability = () => validateSatisfiabilityRemembering(supergraph, validated);
  let supergraphSdl: string;
  try {
    supergraphSdl = printSchema(supergraph, shallowOrderPrintedDefinitions(defaultPrintOptions));
  } catch (error) {
    // As in `compose`, an unsatisfiable supergraph reports that rather than a failure to print it.
    const errors = satisfiability().errors;
    if (errors) return compositionErrors(errors);
    throw error;
  }
  const apiSchemaSdl = printSchema(supergraph.toAPISchema());
  return {
    ok: true,
    supergraphSdl,
    apiSchemaSdl,
    validateSatisfiability() {
      const validated = satisfiability();
      if (validated.errors) return compositionErrors(validated.errors);
      return { ok: true, supergraphSdl, apiSchemaSdl, hints: [...hints, ...(validated.hints ?? [])].map(toWarning) };
    },
  };
}

function compositionErrors(errors: readonly GraphQLError[]): { ok: false; errors: SchemaError[] } {
  return {
    ok: false,
    errors: errors.map((error) => toSchemaError(error, 'COMPOSITION_ERROR', subgraphOf(error.nodes))),
  };
}

type CompositionHint = CompositionSuccess['hints'][number];

function toWarning(hint: CompositionHint): SchemaError {
  const warning: SchemaError = { code: hint.definition.code, message: hint.message };
  const subgraph = subgraphOf(hint.nodes);
  if (subgraph !== undefined) warning.subgraph = subgraph;
  const location = hint.nodes?.[0]?.loc?.startToken;
  if (location) {
    warning.line = location.line;
    warning.column = location.column;
  }
  return warning;
}

/**
 * The subgraph an error or hint points at: Apollo tags some AST nodes with it, and every subgraph is parsed from a
 * `Source` named after the subgraph, so the first node's location names it too.
 */
function subgraphOf(nodes: readonly ASTNode[] | undefined): string | undefined {
  const node: unknown = nodes?.[0];
  if (typeof node === 'object' && node !== null && 'subgraph' in node && typeof node.subgraph === 'string') {
    return node.subgraph;
  }
  return nodes?.[0]?.loc?.source.name;
}
