import { LRUCache } from 'lru-cache';
import { type FieldOwnership, findFieldOwners } from '../ownership/findFieldOwners';

/**
 * `findFieldOwners` remembering the last four supergraphs read: the candidate a publish composed is the served
 * supergraph the next publish compares against.
 */
export function createFieldOwnersCache(): (supergraphSdl: string | null) => FieldOwnership {
  const owners = new LRUCache<string, FieldOwnership>({ max: 4 });
  return (supergraphSdl) => {
    if (supergraphSdl === null) return findFieldOwners(null);
    const cached = owners.get(supergraphSdl);
    if (cached) return cached;
    const found = findFieldOwners(supergraphSdl);
    owners.set(supergraphSdl, found);
    return found;
  };
}
