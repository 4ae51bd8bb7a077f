import { hashDocument, type PersistedDocumentEntry } from '@switchyard/registry-client/persisted-documents';

/** The persisted documents a gateway knows, replaced whole whenever the registry serves a new set. */
export interface PersistedDocumentStore {
  /** The document body persisted under `id`, if any. */
  byId(id: string): string | undefined;
  /** Whether `body` is exactly the body of a persisted document (compared by SHA-256). */
  hasBody(body: string): boolean;
  replace(entries: readonly PersistedDocumentEntry[]): void;
  readonly size: number;
}

/** A store of persisted documents, looked up by id and by body. */
export function createPersistedDocumentStore(entries: readonly PersistedDocumentEntry[] = []): PersistedDocumentStore {
  let bodies = new Map<string, string>();
  let hashes = new Set<string>();
  const store: PersistedDocumentStore = {
    byId: (id) => bodies.get(id),
    hasBody: (body) => hashes.has(hashDocument(body)),
    replace(next) {
      // Built aside, then swapped: a request in flight sees the old set or the new one.
      const nextBodies = new Map<string, string>();
      const nextHashes = new Set<string>();
      for (const entry of next) {
        nextBodies.set(entry.id, entry.body);
        nextHashes.add(hashDocument(entry.body));
      }
      bodies = nextBodies;
      hashes = nextHashes;
    },
    get size() {
      return bodies.size;
    },
  };
  store.replace(entries);
  return store;
}
