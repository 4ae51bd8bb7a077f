import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Executor } from '../db/openDatabase';
import { ErrorCode, SwitchyardError } from '../errors';
import { findServedVersionHead, findSupergraphSdl } from '../repositories/supergraphVersionRepository';
import { assertCanRead } from '../tokens/access';
import type { Principal } from '../tokens/Principal';

/** `GET /v1/graphs/:graph/variants/:variant/supergraph`: the path gateways poll. */
export const supergraphPath = /^\/v1\/graphs\/([^/]+)\/variants\/([^/]+)\/supergraph$/;

function etagMatches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  return header.split(',').some((candidate) => candidate.trim().replace(/^W\//, '') === etag);
}

/**
 * Serves a variant's current supergraph SDL with `ETag: "<sha256>"` and `X-Switchyard-Version`, answering 304 when
 * `If-None-Match` already names it, and 404 before the first version.
 */
export async function serveSupergraph(
  db: Executor,
  principal: Principal,
  params: { graph: string; variant: string },
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
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
  if (etagMatches(request.headers['if-none-match'], etag)) {
    response.writeHead(304, headers);
    response.end();
    return;
  }
  const sdl = await findSupergraphSdl(db, latest.id);
  if (sdl === undefined) throw notFound();
  response.writeHead(200, { ...headers, 'content-type': 'text/plain; charset=utf-8' });
  response.end(sdl);
}
