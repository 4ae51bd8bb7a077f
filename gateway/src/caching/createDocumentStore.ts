import type { DocumentNode } from 'graphql';
import { LruCache } from '../plugins/cost/lruCache';
import { estimateBytes } from './estimateBytes';

/** The part of Apollo Server's `KeyValueCache<DocumentNode>` its document store uses. */
export interface DocumentStore {
  get(key: string): Promise<DocumentNode | undefined>;
  set(key: string, value: DocumentNode): Promise<void>;
  delete(key: string): Promise<boolean>;
}

/**
 * Apollo Server's store of parsed, validated documents (keyed by the schema's hash and the query's SHA-256), bounded
 * by `maxBytes` as `estimateBytes` weighs each document (its AST and token list), least recently used first out;
 * Apollo's own default counts the JSON length of the AST, which leaves out the tokens and locations it keeps.
 * `null` (no store: every request parsed and validated) when `maxBytes` is 0.
 */
export function createDocumentStore(maxBytes: number): DocumentStore | null {
  if (maxBytes <= 0) return null;
  const documents = new LruCache<string, DocumentNode>(
    maxBytes,
    (document, key) => estimateBytes(document) + key.length * 2,
  );
  return {
    get: async (key) => documents.get(key),
    set: async (key, value) => documents.set(key, value),
    delete: async (key) => documents.delete(key),
  };
}
