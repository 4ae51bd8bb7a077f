import { ErrorCode, SwitchyardError } from '../errors';
import type { Principal } from './Principal';
import { TokenScope } from './TokenScope';

// Every refusal is decided from the token alone, before anything is looked up, so a 403 says nothing about
// whether the graph or subgraph it names exists.

function forbidden(message: string): SwitchyardError {
  return new SwitchyardError(ErrorCode.FORBIDDEN, message);
}

/** Allows admin tokens only (token management). */
export function assertAdmin(principal: Principal): void {
  if (principal.scope !== TokenScope.ADMIN) throw forbidden('This action needs an ADMIN token.');
}

/** Allows reading a graph: admin, and READ or PUBLISH tokens of that graph. */
export function assertCanRead(principal: Principal, graph: string): void {
  if (principal.scope === TokenScope.ADMIN) return;
  const readsGraph = principal.scope === TokenScope.READ || principal.scope === TokenScope.PUBLISH;
  if (!readsGraph || principal.graph !== graph) {
    throw forbidden(`This token may not read graph "${graph}".`);
  }
}

/** Allows reading a graph's audit log: admin, and READ tokens of that graph. */
export function assertCanReadAudit(principal: Principal, graph: string): void {
  if (principal.scope === TokenScope.ADMIN) return;
  if (principal.scope !== TokenScope.READ || principal.graph !== graph) {
    throw forbidden(`This token may not read the audit log of graph "${graph}".`);
  }
}

/** Allows publishing, checking and deleting a subgraph: admin, and PUBLISH tokens granted that subgraph. */
export function assertCanPublish(principal: Principal, graph: string, subgraph: string): void {
  if (!coversSubgraph(principal, graph, subgraph))
    throw forbidden(`This token may not publish subgraph "${subgraph}" of graph "${graph}".`);
}

/** Allows changing a whole graph (rollback): admin, and PUBLISH tokens for all subgraphs of that graph. */
export function assertCanManageGraph(principal: Principal, graph: string): void {
  if (principal.scope === TokenScope.ADMIN) return;
  const granted =
    principal.scope === TokenScope.PUBLISH && principal.graph === graph && principal.subgraphs.length === 0;
  if (!granted) throw forbidden(`This token may not change the supergraph of graph "${graph}".`);
}

/** Whether a token may change subgraph `subgraph` of `graph` (what `assertCanPublish` allows). */
export function coversSubgraph(principal: Principal, graph: string, subgraph: string): boolean {
  if (principal.scope === TokenScope.ADMIN) return true;
  return (
    principal.scope === TokenScope.PUBLISH &&
    principal.graph === graph &&
    (principal.subgraphs.length === 0 || principal.subgraphs.includes(subgraph))
  );
}

/**
 * Refuses a composition that takes a field away from a subgraph the token does not cover (`@override(from:)`,
 * progressive labels included, or any other change of `@join__field` ownership). ADMIN tokens, and tokens that
 * cover the field's owner too, may. The error names the field and its owner.
 */
export function assertMayMoveOwnership(
  principal: Principal,
  graph: string,
  moves: readonly { coordinate: string; from: string; to: string | null }[],
): void {
  const refused = moves.find((move) => !coversSubgraph(principal, graph, move.from));
  if (!refused) return;
  throw new SwitchyardError(
    ErrorCode.FORBIDDEN,
    `This token may not move field ${refused.coordinate} away from subgraph "${refused.from}", which owns it; publish with a token that covers "${refused.from}" or an ADMIN token.`,
    { field: refused.coordinate, owner: refused.from },
  );
}

/**
 * Allows publishing and deleting a graph's persisted documents (what its clients ship, not a subgraph): admin, and
 * PUBLISH tokens of that graph.
 */
export function assertCanPublishDocuments(principal: Principal, graph: string): void {
  if (principal.scope === TokenScope.ADMIN) return;
  if (principal.scope !== TokenScope.PUBLISH || principal.graph !== graph) {
    throw forbidden(`This token may not publish persisted documents of graph "${graph}".`);
  }
}
