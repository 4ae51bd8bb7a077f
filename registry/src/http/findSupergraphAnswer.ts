import type { Executor } from '../db/openDatabase';
import { ErrorCode, SwitchyardError } from '../errors';
import { findServedVersionHead, findSupergraphSdl } from '../repositories/supergraphVersionRepository';
import { assertCanRead } from '../tokens/access';
import type { Principal } from '../tokens/Principal';

/** What `GET /v1/graphs/:graph/variants/:variant/supergraph` answers. */
export interface SupergraphAnswer {
  status: 200 | 304;
  headers: Record<string, string>;
  /** The supergraph SDL; absent for 304. */
  body?: string;
}

/** Whether an `If-None-Match` header names `etag` (or `*`). */
export function etagMatches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  return header.split(',').some((candidate) => candidate.trim().replace(/^W\//, '') === etag);
}

/**
 * A variant's current supergraph SDL with `ETag: "<sha256>"` and `X-Switchyard-Version` (the path gateways poll):
 * 304 when `If-None-Match` already names it; `NOT_FOUND` before the first version.
 */
export async function findSupergraphAnswer(
  db: Executor,
  principal: Principal,
  params: { graph: string; variant: string },
  ifNoneMatch: string | undefined,
): Promise<SupergraphAnswer> {
  assertCanRead(principal, params.graph);
  const latest = await findServedVersionHead(db, params.graph, params.variant);
  const notFound = () =>
    new SwitchyardError(
      ErrorCode.NOT_FOUND,
      `${params.graph}@${params.variant} has no supergraph yet; publish a subgraph first.`,
    );
  if (!latest) throw notFound();
  const etag = `"${latest.hash}"`;
  const headers = { etag, 'x-switchyard-version': String(latest.version), 'cache-control': 'no-cache' };
  if (etagMatches(ifNoneMatch, etag)) return { status: 304, headers };
  const sdl = await findSupergraphSdl(db, latest.id);
  if (sdl === undefined) throw notFound();
  return { status: 200, headers: { ...headers, 'content-type': 'text/plain; charset=utf-8' }, body: sdl };
}
