import { z } from 'zod';

/** One persisted document as gateways receive it. */
export const PersistedDocumentEntry = z.object({ id: z.string().min(1), body: z.string().min(1) });
export type PersistedDocumentEntry = z.infer<typeof PersistedDocumentEntry>;

/**
 * The body of `GET /v1/graphs/:graph/variants/:variant/persisted-documents`: every document of every manifest
 * published for the variant (all clients and versions), each id once.
 */
export const PersistedDocumentsBody = z.object({ documents: z.array(PersistedDocumentEntry) });
export type PersistedDocumentsBody = z.infer<typeof PersistedDocumentsBody>;

/** The path gateways poll for a variant's persisted documents, below the registry's base URL. */
export function persistedDocumentsPath(graph: string, variant: string): string {
  return `v1/graphs/${encodeURIComponent(graph)}/variants/${encodeURIComponent(variant)}/persisted-documents`;
}
