/** One page of a Relay-style connection: the edges, where the page ends, and how many items match in all. */
export interface Page<T> {
  edges: { cursor: string; node: T }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  totalCount: number;
}

/**
 * Builds a page from rows fetched with `limit first + 1`: the extra row only tells that another page exists.
 */
export function toPage<T>(rows: T[], first: number, totalCount: number, cursorOf: (row: T) => string): Page<T> {
  const edges = rows.slice(0, first).map((node) => ({ cursor: cursorOf(node), node }));
  return {
    edges,
    pageInfo: { hasNextPage: rows.length > first, endCursor: edges.at(-1)?.cursor ?? null },
    totalCount,
  };
}
