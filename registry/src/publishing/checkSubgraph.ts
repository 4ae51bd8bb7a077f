import { Criticality, type SchemaChange, type SchemaError } from '../changes/types';
import { validateSubgraphSdl } from '../composition/validateSubgraphSdl';
import { hashSdl } from '../hashSdl';
import { insertCheck } from '../repositories/checkRepository';
import { ensureVariant } from '../repositories/graphRepository';
import { readServedState } from '../versions/readServedState';
import { composeCandidate, summariseChanges } from './composeCandidate';
import type { PublishDependencies } from './publishSubgraph';
import { assertName, assertRoutingUrl, assertSdlSize } from './validateInput';

/** A proposed subgraph SDL to check against a graph's variant. */
export interface CheckSubgraphInput {
  graph: string;
  variant: string;
  subgraph: string;
  sdl: string;
  /** Routing URL; the subgraph's current one when omitted. */
  url?: string | null;
}

/** The outcome of a check; `ok` is false on invalid SDL, composition errors, or any breaking change. */
export interface CheckResult {
  id: string;
  ok: boolean;
  message: string;
  changes: SchemaChange[];
  errors: SchemaError[];
  warnings: SchemaError[];
  createdAt: Date;
}

/**
 * Checks a proposed subgraph SDL: the publish pipeline as a dry run against what the variant serves now. Stores
 * the outcome as a check and never creates a version.
 */
export async function checkSubgraph(deps: PublishDependencies, input: CheckSubgraphInput): Promise<CheckResult> {
  assertName('graph', input.graph);
  assertName('variant', input.variant);
  assertName('subgraph', input.subgraph);
  if (input.url) assertRoutingUrl(input.url);
  assertSdlSize(input.sdl, deps.maxSdlBytes);

  const variant = await ensureVariant(deps.db, input.graph, input.variant);
  const outcome = await runCheck(deps, input, variant.variantId);
  const row = await insertCheck(deps.db, {
    variantId: variant.variantId,
    subgraphName: input.subgraph,
    sdlHash: hashSdl(input.sdl),
    ok: outcome.ok,
    result: outcome,
  });
  return { id: row.id, createdAt: row.createdAt, ...outcome };
}

async function runCheck(deps: PublishDependencies, input: CheckSubgraphInput, variantId: string) {
  const validation = validateSubgraphSdl(input.subgraph, input.sdl);
  if (!validation.ok) {
    return {
      ok: false,
      message: `Subgraph "${input.subgraph}" has an invalid schema.`,
      changes: [],
      errors: validation.errors.map((error) => ({ ...error, subgraph: error.subgraph ?? input.subgraph })),
      warnings: [],
    };
  }
  const served = await readServedState(deps.db, variantId);
  const current = served.subgraphs.find((subgraph) => subgraph.subgraph === input.subgraph);
  const url = input.url ?? current?.url ?? `http://${input.subgraph}.invalid/graphql`;
  const others = served.subgraphs.filter((subgraph) => subgraph.subgraph !== input.subgraph);
  const candidate = await composeCandidate(
    [
      ...others.map(({ subgraph, url, sdl }) => ({ name: subgraph, url, sdl })),
      { name: input.subgraph, url, sdl: input.sdl },
    ],
    served.latest?.apiSdl ?? null,
  );
  if (!candidate.ok) {
    return {
      ok: false,
      message: `Subgraph "${input.subgraph}" does not compose with ${input.graph}@${input.variant}.`,
      changes: [],
      errors: candidate.errors,
      warnings: [],
    };
  }
  const breaking = candidate.changes.some((change) => change.criticality === Criticality.BREAKING);
  const summary = summariseChanges(candidate.changes);
  return {
    ok: !breaking,
    message: breaking
      ? `Check failed for subgraph "${input.subgraph}": ${summary}.`
      : `Check passed for subgraph "${input.subgraph}": ${summary}.`,
    changes: candidate.changes,
    errors: [],
    warnings: candidate.warnings,
  };
}
