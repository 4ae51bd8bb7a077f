import type { ClientInfo, Identity } from '../context';

/** Longest client name or version taken from a header; longer ones are cut. */
const MAX_HEADER_VALUE = 128;

/**
 * Who is calling, for budgets and usage. The budget key (`id`) is the API key's client or the token subject when
 * the caller authenticated; otherwise the `apollographql-client-name` header, prefixed `header:` so that an
 * anonymous caller naming itself after a real client cannot spend that client's budget; otherwise `anonymous`.
 */
export function resolveClient(headers: Record<string, string>, identity: Identity | null): ClientInfo {
  const headerName = headers['apollographql-client-name']?.trim().slice(0, MAX_HEADER_VALUE) || undefined;
  const version = headers['apollographql-client-version']?.trim().slice(0, MAX_HEADER_VALUE) ?? '';
  const identified = identity?.clientName || identity?.subject || undefined;
  const id = identified ?? (headerName ? `header:${headerName}` : 'anonymous');
  return { id, name: identity?.clientName ?? headerName ?? identified ?? 'anonymous', version };
}
