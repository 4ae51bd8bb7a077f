import { Criticality, type SchemaChange } from '../changes/types';
import { type Composer, composerOf, schemaTooLarge } from '../composition/composerOf';
import type { ContractFilter } from '../contracts/applyContractFilter';
import { contractErrors, contractFiltersOf, filterContracts } from '../contracts/filterContracts';
import type { Executor, RegistryDatabase } from '../db/openDatabase';
import type { SupergraphVersionRow } from '../db/schema';
import { ErrorCode, SwitchyardError } from '../errors';
import { missingVariantError, requireVariant } from '../graphs/requireVariant';
import { hashSdl } from '../hashSdl';
import type { RoutingUrlPolicy } from '../input/routingUrlPolicy';
import type { OwnershipMove } from '../ownership/findFieldOwners';
import { ownershipChanges } from '../ownership/ownershipChanges';
import { findContractOfVariant } from '../repositories/contractRepository';
import { ensureVariantCreated, findVariant, type VariantRef, variantExists } from '../repositories/graphRepository';
import { insertSubgraphVersion, upsertSubgraph } from '../repositories/subgraphRepository';
import { findLatestSupergraphVersion, findLinkedSubgraphHash } from '../repositories/supergraphVersionRepository';
import { assertMayMoveOwnership } from '../tokens/access';
import type { Principal } from '../tokens/Principal';
import { TokenScope } from '../tokens/TokenScope';
import { foldUsageInbox } from '../usage/foldUsageInbox';
import { lockVariant } from '../versions/lockVariant';
import { readServedState, type ServedState } from '../versions/readServedState';
import { recordSupergraphVersion } from '../versions/recordSupergraphVersion';
import { summariseChanges } from './composeCandidate';
import type { PublishResult } from './PublishResult';
import { PublishStatus } from './PublishStatus';
import {
  applyUsageToChanges,
  type CheckedSchemaChange,
  type CheckUsageDefaults,
  defaultCheckUsage,
  resolveCheckUsageOptions,
} from './usageAwareChecks';
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
  /**
   * Publish even when a breaking change affects what clients used in the check window. Default false: such a
   * publish answers `BLOCKED_BY_USAGE`, naming the clients, versions and operations, and changes nothing.
   */
  force?: boolean | null;
}

/** What publish needs: the database, the SDL size limit (MAX_SDL_BYTES) and the caller. */
export interface PublishDependencies {
  db: RegistryDatabase;
  maxSdlBytes: number;
  /** The token publishing; ownership moves are checked against it. Omitted only by in-process callers (tests). */
  principal?: Principal;
  /** What routing URLs may be set (`ROUTING_URL_*`); `defaultRoutingUrlPolicy` when omitted. */
  routingUrls?: RoutingUrlPolicy;
  /** The usage window and thresholds deciding what is in use (`CHECK_USAGE_*`); `defaultCheckUsage` when omitted. */
  checkUsage?: CheckUsageDefaults;
  /** Where compositions run (the registry's worker pool); composes on the calling thread when omitted (tests). */
  composer?: Composer;
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
 * Publishes a subgraph SDL: answers `UNCHANGED` without composing when it equals the subgraph's current version,
 * otherwise measures, validates and composes it with the variant's other current subgraphs in the composer's worker
 * (`SCHEMA_TOO_LARGE`, `COMPOSITION_TIMEOUT`, `COMPOSITION_FAILED` when that breaks) and, when it composed, stores
 * the subgraph version and the next supergraph version (links, changes, changelog) in one transaction. Composition
 * runs before the variant's advisory lock is taken; under the lock the served state is read again and, if another
 * change landed meanwhile, the publish composes once more against it.
 */
export async function publishSubgraph(deps: PublishDependencies, input: PublishSubgraphInput): Promise<PublishResult> {
  assertName('graph', input.graph);
  assertName('variant', input.variant);
  assertName('subgraph', input.subgraph);
  assertRoutingUrl(input.url, deps.routingUrls);
  assertSdlSize(input.sdl, deps.maxSdlBytes);

  const variant = await resolvePublishVariant(deps, input);
  const created = { graph: variant.createdGraph, variant: variant.createdVariant };
  await assertNotContract(deps.db, variant);
  const hash = hashSdl(input.sdl);
  const unchangedVersion = await findUnchangedVersion(deps.db, variant, input.subgraph, hash, input.url);
  if (unchangedVersion) return unchanged(input, unchangedVersion);

  // Compose outside the variant's lock, against the state served now; under the lock, store it only if that state
  // is still the one served. A publish that lost the race composes once more, against the new state, under the lock.
  const composer = composerOf(deps);
  let composedAgainst = await readServedState(deps.db, variant.variantId);
  // The contracts' filters run in the worker with the composition; under the lock they are used if still current.
  const filters = await contractFiltersOf(deps.db, variant.variantId);
  let outcome = await composeAgainst(composer, input, composedAgainst, filters);
  if (outcome.kind === 'invalid') return { ...invalidSdl(input, outcome.errors), created };
  if (outcome.kind === 'tooLarge') throw schemaTooLarge(outcome);
  // Usage acknowledged before this publish decides whether its breaking changes are in use (outside the lock).
  await foldUsageInbox(deps.db, { acceptedSoFar: true });

  return deps.db.transaction(async (tx) => {
    await lockVariant(tx, variant.variantId);
    // A graph or variant deletion may have run while this publish composed or waited for the lock.
    if (!(await variantExists(tx, variant.variantId))) throw await missingVariantError(tx, input.graph, input.variant);
    await assertNotContract(tx, variant);
    const served = await readServedState(tx, variant.variantId);
    const current = served.subgraphs.find((subgraph) => subgraph.subgraph === input.subgraph);
    if (served.latest && current?.hash === hash && current.url === input.url) return unchanged(input, served.latest);
    if (served.latest?.id !== composedAgainst.latest?.id) {
      composedAgainst = served;
      outcome = await composeAgainst(composer, input, served, filters);
    }
    if (outcome.kind === 'invalid') return { ...invalidSdl(input, outcome.errors), created };
    if (outcome.kind === 'tooLarge') throw schemaTooLarge(outcome);
    if (outcome.kind === 'failed')
      return { ...compositionFailed(input, variant, served.latest, outcome.errors), created };
    const candidate = outcome;
    // Every contract of this variant must still compose from the candidate, or nothing is published.
    const contracts = await filterContracts(tx, variant.variantId, candidate.supergraphSdl, {
      filters,
      results: candidate.contracts,
    });
    const brokenContracts = contractErrors(contracts);
    if (brokenContracts.length > 0)
      return { ...contractsFailed(input, variant, served.latest, contracts, brokenContracts), created };
    const moved = assertOwnership(deps, input, candidate.ownershipMoves);
    const usage = await breakingChangesInUse(tx, deps, variant.variantId, candidate.changes, served.latest?.apiSdl);
    usage.changes.push(...moved);
    if (usage.inUse.length > 0 && !input.force)
      return { ...blockedByUsage(input, variant, served.latest, usage), created };

    const others = served.subgraphs.filter((subgraph) => subgraph.subgraph !== input.subgraph);
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
      // With usage: the version keeps who was using what a forced breaking change affects.
      changes: usage.changes,
      subgraphVersionIds: [...others.map((other) => other.id), subgraphVersion.id],
      changedSubgraphs: [input.subgraph],
      contracts,
    });
    const createdNote = created.graph
      ? `Created graph "${input.graph}". `
      : created.variant
        ? `Created variant ${describe(variant)}. `
        : '';
    const forcedNote =
      usage.inUse.length > 0
        ? ` Forced over ${usage.inUse.length} breaking change(s) in use: ${whoUses(usage.inUse)}.`
        : '';
    return {
      status: PublishStatus.PUBLISHED,
      created,
      message: `${createdNote}Published subgraph "${input.subgraph}" to ${describe(variant)} as supergraph version ${version.version}: ${summariseChanges(usage.changes)}.${forcedNote}`,
      supergraphVersion: version,
      changes: usage.changes,
      errors: [],
      warnings: candidate.warnings,
    };
  });
}

/** Composes the published subgraph with the other subgraphs of `served`, diffed against its API schema. */
function composeAgainst(
  composer: Composer,
  input: PublishSubgraphInput,
  served: ServedState,
  contracts: ContractFilter[],
) {
  return composer.compose({
    contracts,
    subgraphs: [
      ...served.subgraphs
        .filter((subgraph) => subgraph.subgraph !== input.subgraph)
        .map(({ subgraph, url, sdl }) => ({ name: subgraph, url, sdl })),
      { name: input.subgraph, url: input.url, sdl: input.sdl },
    ],
    servedApiSdl: served.latest?.apiSdl ?? null,
    servedSupergraphSdl: served.latest?.supergraphSdl ?? null,
    changed: input.subgraph,
  });
}

function invalidSdl(input: PublishSubgraphInput, errors: PublishResult['errors']): PublishResult {
  return {
    status: PublishStatus.INVALID_SDL,
    message: `Subgraph "${input.subgraph}" has an invalid schema; nothing was published.`,
    supergraphVersion: null,
    changes: [],
    errors,
    warnings: [],
  };
}

/**
 * The fields the composition takes away from a subgraph that resolved them (found by the composer against the served
 * supergraph's `@join__field` ownership), as changes of their own class; refuses the composition when one of them
 * belongs to a subgraph the publishing token does not cover (see `assertMayMoveOwnership`).
 */
export function assertOwnership(
  deps: Pick<PublishDependencies, 'principal'>,
  input: { graph: string },
  moves: OwnershipMove[],
): SchemaChange[] {
  if (deps.principal) assertMayMoveOwnership(deps.principal, input.graph, moves);
  return ownershipChanges(moves);
}

/** A candidate's changes with their usage, and the breaking ones clients used in the window. */
async function breakingChangesInUse(
  db: Executor,
  deps: PublishDependencies,
  variantId: string,
  changes: readonly SchemaChange[],
  servedApiSdl: string | null | undefined,
): Promise<{ changes: SchemaChange[]; inUse: CheckedSchemaChange[] }> {
  if (!servedApiSdl || !changes.some((change) => change.criticality === Criticality.BREAKING)) {
    return { changes: [...changes], inUse: [] };
  }
  // Only actual use blocks a publish (a check also blocks on no usage at all, or on strict mode).
  const options = resolveCheckUsageOptions(deps.checkUsage ?? defaultCheckUsage, { allowNoUsage: true });
  const decided = await applyUsageToChanges(db, { variantId, changes, servedApiSdl, options });
  const inUse = decided.changes.filter(
    (change) =>
      change.blocking && (change.usage?.requests ?? 0) > 0 && (change.usage?.requests ?? 0) >= options.minRequests,
  );
  return { changes: decided.changes, inUse };
}

/** `ios-app 2.3.0 (5), web 1.0 (2) in Prices, Orders` for the clients and operations using changes. */
function whoUses(changes: readonly CheckedSchemaChange[]): string {
  const clients = new Map<string, number>();
  const operations = new Set<string>();
  for (const change of changes) {
    for (const client of change.usage?.clients ?? []) {
      const key = `${client.name} ${client.version}`.trim();
      clients.set(key, Math.max(clients.get(key) ?? 0, client.requests));
    }
    for (const operation of change.usage?.operations ?? [])
      operations.add(operation.name ?? operation.signature.slice(0, 12));
  }
  const named = [...clients].map(([client, requests]) => `${client} (${requests})`).join(', ');
  return operations.size > 0 ? `${named} in ${[...operations].join(', ')}` : named;
}

function blockedByUsage(
  input: PublishSubgraphInput,
  variant: VariantRef,
  latest: SupergraphVersionRow | undefined,
  usage: { changes: SchemaChange[]; inUse: CheckedSchemaChange[] },
): PublishResult {
  return {
    status: PublishStatus.BLOCKED_BY_USAGE,
    message: `Subgraph "${input.subgraph}" was not published to ${describe(variant)}: ${usage.inUse.length} breaking change(s) affect what clients used recently: ${whoUses(usage.inUse)}. Version ${latest?.version ?? 'none'} keeps serving. Publish with --force to ship it anyway.`,
    supergraphVersion: latest ?? null,
    changes: usage.changes,
    errors: [],
    warnings: [],
  };
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

/** Refuses a publish or check to a contract variant, whose subgraphs are its source's. */
export async function assertNotContract(db: Executor, variant: VariantRef): Promise<void> {
  const contract = await findContractOfVariant(db, variant.variantId);
  if (contract) {
    throw new SwitchyardError(
      ErrorCode.BAD_USER_INPUT,
      `${describe(variant)} is a contract of ${contract.graph}@${contract.source}: publish and check subgraphs there, and the contract follows.`,
    );
  }
}

function contractsFailed(
  input: PublishSubgraphInput,
  variant: VariantRef,
  latest: SupergraphVersionRow | undefined,
  outcomes: { contract: { graph: string; variant: string }; result: { ok: boolean } }[],
  errors: PublishResult['errors'],
): PublishResult {
  const broken = outcomes
    .filter((outcome) => !outcome.result.ok)
    .map((outcome) => `${outcome.contract.graph}@${outcome.contract.variant}`);
  return {
    status: PublishStatus.COMPOSITION_FAILED,
    message: `Subgraph "${input.subgraph}" composes with ${describe(variant)} but breaks its contract(s) ${broken.join(', ')}; version ${latest?.version ?? 'none'} keeps serving.`,
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
