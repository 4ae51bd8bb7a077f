import { createHash } from 'node:crypto';

/** A subgraph as the registry serves it (`switchyard subgraph list --format json`). */
export interface ServedSubgraph {
  name: string;
  url: string;
  latest?: { hash: string } | null;
}

/** What `npm start` does with one checked-in subgraph. */
export type PublishDecision =
  | { kind: 'up-to-date' }
  | { kind: 'publish' }
  /** The registry holds a version the checked-in SDL would break: left as it is. */
  | { kind: 'keep'; breaking: string[] };

/**
 * Whether `npm start` publishes a checked-in subgraph: not when the registry already serves this SDL at this URL,
 * and not when publishing it would break the registry's version (someone published a newer schema there; the
 * checked-in one would revert it). `check` is the registry's check of the checked-in SDL, when one was run.
 */
export function decidePublish(input: {
  sdl: string;
  url: string;
  served: ServedSubgraph | undefined;
  check?: { changes: { criticality: string; message: string }[] };
}): PublishDecision {
  const { served } = input;
  if (!served?.latest) return { kind: 'publish' };
  const hash = createHash('sha256').update(input.sdl, 'utf8').digest('hex');
  if (served.latest.hash === hash && served.url === input.url) return { kind: 'up-to-date' };
  const breaking = (input.check?.changes ?? [])
    .filter((change) => change.criticality === 'BREAKING')
    .map((change) => change.message);
  return breaking.length > 0 ? { kind: 'keep', breaking } : { kind: 'publish' };
}
