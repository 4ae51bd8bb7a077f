/** Splits rows into batches of at most `size`, for multi-row statements under the bind-parameter limit. */
export function chunk<T>(rows: readonly T[], size: number): T[][] {
  const batches: T[][] = [];
  for (let start = 0; start < rows.length; start += size) batches.push(rows.slice(start, start + size));
  return batches;
}

/** SQL adding two bigint[] histograms slot by slot; the shorter one counts as zeros. */
export function addHistograms(left: string, right: string): string {
  return `array(select coalesce(a, 0) + coalesce(b, 0) from unnest(${left}, ${right}) with ordinality as h(a, b, i) order by i)::bigint[]`;
}
