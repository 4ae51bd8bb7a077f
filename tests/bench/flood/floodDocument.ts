/**
 * A GraphQL document of about `bytes` bytes, over any token limit: `{ f0000001: __typename f0000002: __typename … }`,
 * about 48,000 aliased fields per megabyte. Every field is valid, so a gateway without a token limit in its parser
 * parses, validates and executes all of it.
 */
export function floodDocument(bytes: number): string {
  const fields: string[] = [];
  let size = 4;
  for (let i = 0; size < bytes; i++) {
    const field = `f${String(i).padStart(7, '0')}: __typename`;
    fields.push(field);
    size += field.length + 1;
  }
  return `{ ${fields.join(' ')} }`;
}

/** The p-th percentile (0–100) of `values`, nearest rank; NaN for none. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1] ?? Number.NaN;
}
