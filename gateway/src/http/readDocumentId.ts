/**
 * The `documentId` of a GraphQL-over-HTTP persisted document request: a POST body's `documentId`, or a GET query
 * string's. Undefined when the request names none (or names it as anything but one non-empty string).
 */
export function readDocumentId(method: string | undefined, body: unknown, search: string): string | undefined {
  if (method === 'POST') {
    if (typeof body !== 'object' || body === null || !('documentId' in body)) return undefined;
    const id = body.documentId;
    return typeof id === 'string' && id !== '' ? id : undefined;
  }
  if (!search.includes('documentId=')) return undefined;
  const ids = new URLSearchParams(search).getAll('documentId');
  return ids.length === 1 && ids[0] ? ids[0] : undefined;
}
