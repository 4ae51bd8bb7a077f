import type { GraphQLFormattedError } from 'graphql';

/** What clients see of a subgraph's own errors (`SUBGRAPH_ERRORS`). */
export const SubgraphErrorMode = { PASS: 'pass', REDACT: 'redact' } as const;
export type SubgraphErrorMode = (typeof SubgraphErrorMode)[keyof typeof SubgraphErrorMode];

function cleanPath(path: unknown): Array<string | number> | undefined {
  if (!Array.isArray(path)) return undefined;
  return path.every((segment) => typeof segment === 'string' || typeof segment === 'number') ? path : undefined;
}

/**
 * Reduces the errors a subgraph answered to what a client may see: the message, the path and `extensions.code`.
 * Stack traces, every other extension and `locations` (which point into the gateway's fetch document, not the
 * client's, so Apollo Router drops them too) are left out. In `redact` mode the message becomes
 * `Subgraph 'orders' error (FORBIDDEN)`, so that nothing a subgraph wrote reaches the client but its code.
 */
export function cleanSubgraphErrors(
  errors: readonly unknown[],
  subgraph: string,
  mode: SubgraphErrorMode,
): GraphQLFormattedError[] {
  return errors.map((error) => {
    const { message, path, extensions } = (error && typeof error === 'object' ? error : {}) as Record<string, unknown>;
    const rawCode = extensions && typeof extensions === 'object' ? (extensions as { code?: unknown }).code : undefined;
    const code = typeof rawCode === 'string' && rawCode !== '' ? rawCode : undefined;
    const cleanedPath = cleanPath(path);
    const text =
      mode === SubgraphErrorMode.PASS && typeof message === 'string' && message !== ''
        ? message
        : `Subgraph '${subgraph}' error${code ? ` (${code})` : ''}`;
    return {
      message: text,
      ...(cleanedPath ? { path: cleanedPath } : {}),
      ...(code ? { extensions: { code } } : {}),
    };
  });
}
