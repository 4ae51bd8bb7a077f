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

/** Allows publishing, checking and deleting a subgraph: admin, and PUBLISH tokens granted that subgraph. */
export function assertCanPublish(principal: Principal, graph: string, subgraph: string): void {
  if (principal.scope === TokenScope.ADMIN) return;
  const granted =
    principal.scope === TokenScope.PUBLISH &&
    principal.graph === graph &&
    (principal.subgraphs.length === 0 || principal.subgraphs.includes(subgraph));
  if (!granted) throw forbidden(`This token may not publish subgraph "${subgraph}" of graph "${graph}".`);
}

/** Allows changing a whole graph (rollback): admin, and PUBLISH tokens for all subgraphs of that graph. */
export function assertCanManageGraph(principal: Principal, graph: string): void {
  if (principal.scope === TokenScope.ADMIN) return;
  const granted =
    principal.scope === TokenScope.PUBLISH && principal.graph === graph && principal.subgraphs.length === 0;
  if (!granted) throw forbidden(`This token may not change the supergraph of graph "${graph}".`);
}
