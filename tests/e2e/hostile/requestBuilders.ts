import type { HostileRequest } from './hostileRequest';

export const GRAPHQL_PATH = '/graphql';
const JSON_HEADERS: [string, string][] = [
  ['content-type', 'application/json'],
  ['accept', 'application/graphql-response+json, application/json'],
];

/** A POST of `payload` as JSON to `/graphql`, with JSON content type and accept unless `headers` replaces them. */
export function jsonPost(
  category: string,
  description: string,
  payload: unknown,
  headers: [string, string][] = JSON_HEADERS,
): HostileRequest {
  return rawPost(category, description, Buffer.from(JSON.stringify(payload)), headers);
}

/** A POST of `body` as given to `/graphql`. */
export function rawPost(
  category: string,
  description: string,
  body: Buffer,
  headers: [string, string][] = JSON_HEADERS,
): HostileRequest {
  return { category, description, method: 'POST', target: GRAPHQL_PATH, headers, body };
}

/** A GET of `/graphql` with `search` (already encoded, or malformed on purpose) as its query string. */
export function getWith(category: string, description: string, search: string): HostileRequest {
  return {
    category,
    description,
    method: 'GET',
    target: `${GRAPHQL_PATH}?${search}`,
    headers: [['accept', 'application/graphql-response+json, application/json']],
  };
}

/** `name=value&…` with each value URL-encoded. */
export function queryString(params: Record<string, string>): string {
  return Object.entries(params)
    .map(([name, value]) => `${name}=${encodeURIComponent(value)}`)
    .join('&');
}

/** JSON headers plus `extra`. */
export function withHeaders(extra: [string, string][]): [string, string][] {
  return [...JSON_HEADERS, ...extra];
}
