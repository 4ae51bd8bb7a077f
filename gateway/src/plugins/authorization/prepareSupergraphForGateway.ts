import { LinkedSpec } from '@switchyard/cost-model';
import { type DirectiveNode, type DocumentNode, Kind, parse, print, visit } from 'graphql';

const ENFORCED_SECURITY_SPECS: readonly string[] = [LinkedSpec.authenticated, LinkedSpec.requiresScopes];

/**
 * `@apollo/gateway` refuses a supergraph that links a `for: SECURITY` feature it does not implement, which
 * includes `@authenticated` and `@requiresScopes`. The authorization plugin implements those two, so this drops
 * their `for: SECURITY` and the gateway loads the supergraph. Other security features (such as `@policy`) are
 * left alone, so a supergraph needing them still fails to load rather than being served unprotected.
 * Only use it together with `createAuthorizationPlugin`. Returns the SDL unchanged when there is nothing to drop.
 */
export function prepareSupergraphForGateway(supergraphSdl: string): string {
  if (!supergraphSdl.includes('SECURITY')) return supergraphSdl;
  return prepareSupergraphDocument(parse(supergraphSdl, { noLocation: true }), supergraphSdl).sdl;
}

/**
 * `prepareSupergraphForGateway` on an SDL already parsed (`document` is `sdl` parsed): the rewritten document and
 * its text, or the two given when there is nothing to drop, so the gateway parses each supergraph once.
 */
export function prepareSupergraphDocument(
  document: DocumentNode,
  sdl: string,
): { document: DocumentNode; sdl: string } {
  if (!sdl.includes('SECURITY')) return { document, sdl };
  let changed = false;
  const prepared = visit(document, {
    Directive(node) {
      if (node.name.value !== 'link' || !isEnforcedSecurityLink(node)) return undefined;
      changed = true;
      return { ...node, arguments: node.arguments?.filter((arg) => arg.name.value !== 'for') };
    },
  });
  return changed ? { document: prepared, sdl: print(prepared) } : { document, sdl };
}

function isEnforcedSecurityLink(node: DirectiveNode): boolean {
  const url = node.arguments?.find((arg) => arg.name.value === 'url')?.value;
  const purpose = node.arguments?.find((arg) => arg.name.value === 'for')?.value;
  if (!purpose || purpose.kind !== Kind.ENUM || purpose.value !== 'SECURITY') return false;
  if (!url || url.kind !== Kind.STRING) return false;
  return ENFORCED_SECURITY_SPECS.some((spec) => url.value.startsWith(`${spec}/v`));
}
