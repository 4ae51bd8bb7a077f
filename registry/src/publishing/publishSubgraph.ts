import { validateSubgraphSdl } from '../composition/validateSubgraphSdl';
import type { RegistryDatabase } from '../db/openDatabase';
import type { SupergraphVersionRow } from '../db/schema';
import { ErrorCode, SwitchyardError } from '../errors';
import { missingVariantError, requireVariant } from '../graphs/requireVariant';
import { hashSdl } from '../hashSdl';
import type { RoutingUrlPolicy } from '../input/routingUrlPolicy';
import { findOwnershipMoves } from '../ownership/findFieldOwners';
import { ensureVariantCreated, findVariant, type VariantRef, variantExists } from '../repositories/graphRepository';
import { insertSubgraphVersion, upsertSubgraph } from '../repositories/subgraphRepository';
import { findLatestSupergraphVersion, findLinkedSubgraphHash } from '../repositories/supergraphVersionRepository';
import { assertMayMoveOwnership } from '../tokens/access';
import type { Principal } from '../tokens/Principal';
import { TokenScope } from '../tokens/TokenScope';
import { lockVariant } from '../versions/lockVariant';
import { readServedState, type ServedState } from '../versions/readServedState';
import { recordSupergraphVersion } from '../versions/recordSupergraphVersion';
import { composeCandidate, summariseChanges } from './composeCandidate';
import type { PublishResult } from './PublishResult';
import { PublishStatus } from './PublishStatus';
import { assertName, assertRoutingUrl, assertSdlSize } from './validateInput';

/** A subgraph SDL to publish to a graph's variant. */
export interface PublishSubgraphInput {
  graph: string;
  variant: string;
  subgraph: string;
  /** Routing URL the gateway sends this subgraph's requests to. */
  url: string;
  sdl: string;
  author?: string | null;
  commit?: string | null;
  /** Owning team; kept when omitted. */
  owner?: string | null;
  /**
   * Create the graph and variant when they do not exist (ADMIN tokens only). Default false: publishing to an
   * unknown graph or variant throws `GRAPH_NOT_FOUND` / `VARIANT_NOT_FOUND` and creates nothing.
   */
  create?: boolean | null;
}

/** What publish needs: the database, the SDL size limit (MAX_SDL_BYTES) and the caller. */
export interface PublishDependencies {
  db: RegistryDatabase;
  maxSdlBytes: number;
  /** The token publishing; ownership moves are checked against it. Omitted only by in-process callers (tests). */
  principal?: Principal;
  /** What routing URLs may be set (`ROUTING_URL_*`); `defaultRoutingUrlPolicy` when omitted. */
  routingUrls?: RoutingUrlPolicy;
}

/**
 * The served version, when it already holds this exact SDL and URL for the subgraph: the fast path that answers
 * UNCHANGED with two small reads, before validating or composing anything.
 */
async function findUnchangedVersion(
  db: RegistryDatabase,
  variant: VariantRef,
  subgraph: string,
  hash: string,
  url: string,
) {
  const latest = await findLatestSupergraphVersion(db, variant.variantId);
  if (!latest) return undefined;
  const current = await findLinkedSubgraphHash(db, latest.id, subgraph);
  return current?.hash === hash && current.url === url ? latest : undefined;
}

/**
 * The variant a publish goes to. A missing graph or variant is created only with `create` and an ADMIN token (or
 * no principal: in-process callers); otherwise `GRAPH_NOT_FOUND` / `VARIANT_NOT_FOUND`, or `FORBIDDEN` for
 * `create` without ADMIN.
 */
async function resolvePublishVariant(
  deps: PublishDependencies,
  input: PublishSubgraphInput,
): Promise<VariantRef & { createdGraph: boolean; createdVariant: boolean }> {
  const found = await findVariant(deps.db, input.graph, input.variant);
  if (found) return { ...found, createdGraph: false, createdVariant: false };
  if (!input.create)
    return {
      ...(await requireVariant(deps.db, input.graph, input.variant)),
      createdGraph: false,
      createdVariant: false,
    };
  if (deps.principal && deps.principal.scope !== TokenScope.ADMIN) {
    throw new SwitchyardError(
      ErrorCode.FORBIDDEN,
      `Creating ${input.graph}@${input.variant} needs an ADMIN token; ask an admin to run \`switchyard graph create --graph ${input.graph} --variant ${input.variant}\`.`,
    );
  }
  return ensureVariantCreated(deps.db, input.graph, input.variant);
}

/**
 * Publishes a subgraph SDL: validates it, answers `UNCHANGED` without composing when it equals the subgraph's
 * current version, otherwise composes it with the variant's other current subgraphs and, when that works, stores
 * the subgraph version and the next supergraph version (links, changes, changelog) in one transaction. Publishes to
 * one variant are serialised by its advisory lock, and the served state is read under the lock.
 */
export async function publishSubgraph(deps: PublishDependencies, input: PublishSubgraphInput): Promise<PublishResult> {
  assertName('graph', input.graph);
  assertName('variant', input.variant);
  assertName('subgraph', input.subgraph);
  assertRoutingUrl(input.url, deps.routingUrls);
  assertSdlSize(input.sdl, deps.maxSdlBytes);

  const variant = await resolvePublishVariant(deps, input);
  const created = { graph: variant.createdGraph, variant: variant.createdVariant };
  const hash = hashSdl(input.sdl);
  const unchangedVersion = await findUnchangedVersion(deps.db, variant, input.subgraph, hash, input.url);
  if (unchangedVersion) return unchanged(input, unchangedVersion);

  const validation = validateSubgraphSdl(input.subgraph, input.sdl);
  if (!validation.ok) {
    return {
      status: PublishStatus.INVALID_SDL,
      message: `Subgraph "${input.subgraph}" has an invalid schema; nothing was published.`,
      supergraphVersion: null,
      changes: [],
      errors: validation.errors.map((error) => ({ ...error, subgraph: error.subgraph ?? input.subgraph })),
      warnings: [],
      created,
    };
  }

  return deps.db.transaction(async (tx) => {
    await lockVariant(tx, variant.variantId);
    // A graph or variant deletion may have run while this publish waited for the lock.
    if (!(await variantExists(tx, variant.variantId))) throw await missingVariantError(tx, input.graph, input.variant);
    const served = await readServedState(tx, variant.variantId);
    const current = served.subgraphs.find((subgraph) => subgraph.subgraph === input.subgraph);
    if (served.latest && current?.hash === hash && current.url === input.url) return unchanged(input, served.latest);

    const others = served.subgraphs.filter((subgraph) => subgraph.subgraph !== input.subgraph);
    const candidate = await composeCandidate(
      [
        ...others.map(({ subgraph, url, sdl }) => ({ name: subgraph, url, sdl })),
        {
          name: input.subgraph,
          url: input.url,
          sdl: input.sdl,
        },
      ],
      served.latest?.apiSdl ?? null,
    );
    if (!candidate.ok) return { ...compositionFailed(input, variant, served.latest, candidate.errors), created };
    assertOwnership(deps, input, served, candidate.supergraphSdl);

    const subgraph = await upsertSubgraph(tx, {
      variantId: variant.variantId,
      name: input.subgraph,
      routingUrl: input.url,
      owner: input.owner,
    });
    const subgraphVersion = await insertSubgraphVersion(tx, {
      subgraphId: subgraph.id,
      routingUrl: input.url,
      sdl: input.sdl,
      hash,
      author: input.author,
      commit: input.commit,
      createdAt: new Date(),
    });
    const version = await recordSupergraphVersion(tx, {
      variantId: variant.variantId,
      previous: served.latest,
      supergraphSdl: candidate.supergraphSdl,
      apiSdl: candidate.apiSchemaSdl,
      changes: candidate.changes,
      subgraphVersionIds: [...others.map((other) => other.id), subgraphVersion.id],
      changedSubgraphs: [input.subgraph],
    });
    const createdNote = created.graph
      ? `Created graph "${input.graph}". `
      : created.variant
        ? `Created variant ${describe(variant)}. `
        : '';
    return {
      status: PublishStatus.PUBLISHED,
      created,
      message: `${createdNote}Published subgraph "${input.subgraph}" to ${describe(variant)} as supergraph version ${version.version}: ${summariseChanges(candidate.changes)}.`,
      supergraphVersion: version,
      changes: candidate.changes,
      errors: [],
      warnings: candidate.warnings,
    };
  });
}

/**
 * Refuses the composition when it takes a field away from a subgraph the publishing token does not cover (see
 * `assertMayMoveOwnership`). Compares the served supergraph's `@join__field` ownership with the candidate's.
 */
export function assertOwnership(
  deps: Pick<PublishDependencies, 'principal'>,
  input: { graph: string; subgraph: string },
  served: ServedState,
  candidateSupergraphSdl: string,
): void {
  if (!deps.principal) return;
  const remaining = new Set([...served.subgraphs.map((subgraph) => subgraph.subgraph), input.subgraph]);
  const moves = findOwnershipMoves(served.latest?.supergraphSdl ?? null, candidateSupergraphSdl, remaining);
  assertMayMoveOwnership(deps.principal, input.graph, moves);
}

function compositionFailed(
  input: PublishSubgraphInput,
  variant: VariantRef,
  latest: SupergraphVersionRow | undefined,
  errors: PublishResult['errors'],
): PublishResult {
  return {
    status: PublishStatus.COMPOSITION_FAILED,
    message: `Subgraph "${input.subgraph}" does not compose with ${describe(variant)}; version ${latest?.version ?? 'none'} keeps serving.`,
    supergraphVersion: latest ?? null,
    changes: [],
    errors,
    warnings: [],
  };
}

function describe(variant: VariantRef): string {
  return `${variant.graph}@${variant.variant}`;
}

function unchanged(input: PublishSubgraphInput, latest: SupergraphVersionRow): PublishResult {
  return {
    status: PublishStatus.UNCHANGED,
    message: `Subgraph "${input.subgraph}" is unchanged in ${input.graph}@${input.variant}; version ${latest.version} keeps serving.`,
    supergraphVersion: latest,
    changes: [],
    errors: [],
    warnings: [],
  };
}
