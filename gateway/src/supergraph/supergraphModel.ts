import { buildCostModel, type CostModel } from '@switchyard/cost-model';
import { type DocumentNode, parse } from 'graphql';
import { type AuthorizationModel, buildAuthorizationModel } from '../plugins/authorization/authorizationModel';
import { buildSubgraphOwnership, type SubgraphOwnership } from '../plugins/usageReporting/subgraphOwnership';
import type { SupergraphUpdate } from './source';

/**
 * What every step of the request pipeline reads from the served supergraph, built once per swap from one parse:
 * the `@authenticated`/`@requiresScopes` requirements, the `@cost`/`@listSize` weights, and which subgraphs
 * resolve each field. Its `id` is the supergraph's; steps key their caches by it.
 */
export interface SupergraphModel {
  readonly id: string;
  readonly sdl: string;
  readonly authorization: AuthorizationModel;
  readonly cost: CostModel;
  readonly ownership: SubgraphOwnership;
}

/** The model of `supergraph`, from `document` when the caller already parsed its SDL (the manager does, once per swap). */
export function buildSupergraphModel(
  supergraph: SupergraphUpdate,
  document: DocumentNode = parse(supergraph.sdl, { noLocation: true }),
): SupergraphModel {
  return Object.freeze({
    id: supergraph.id,
    sdl: supergraph.sdl,
    authorization: buildAuthorizationModel(document),
    cost: buildCostModel(document),
    ownership: buildSubgraphOwnership(document),
  });
}

/**
 * The model of whatever `current()` returns, rebuilt only when its id changes. The gateway builds its model in the
 * supergraph manager's `onServed` instead; this serves callers without a manager (tests, tools).
 */
export function followSupergraph(current: () => SupergraphUpdate): () => SupergraphModel {
  let model: SupergraphModel | undefined;
  return () => {
    const supergraph = current();
    if (model?.id !== supergraph.id) model = buildSupergraphModel(supergraph);
    return model;
  };
}
