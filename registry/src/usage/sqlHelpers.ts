/** Splits rows into batches of at most `size`, for multi-row statements under the bind-parameter limit. */
export function chunk<T>(rows: readonly T[], size: number): T[][] {
  const batches: T[][] = [];
  for (let start = 0; start < rows.length; start += size) batches.push(rows.slice(start, start + size));
  return batches;
}

/** The largest bigint; counters stop there instead of failing the statement (and the report) on overflow. */
export const MAX_BIGINT = '9223372036854775807';

/**
 * SQL adding two non-negative bigint expressions, saturating at `MAX_BIGINT`: a counter a forged report pushed near
 * the top can no longer make every later report of its hour fail with "bigint out of range".
 */
export function saturatingAdd(left: string, right: string): string {
  return `(case when ${left} > ${MAX_BIGINT} - ${right} then ${MAX_BIGINT} else ${left} + ${right} end)`;
}

/** SQL adding two bigint[] histograms slot by slot, each slot saturating; the shorter one counts as zeros. */
export function addHistograms(left: string, right: string): string {
  return `array(select ${saturatingAdd('coalesce(a, 0)', 'coalesce(b, 0)')} from unnest(${left}, ${right}) with ordinality as h(a, b, i) order by i)::bigint[]`;
}

/** SQL summing a bigint column into a bigint, saturating at `MAX_BIGINT` (`sum` itself returns numeric). */
export function saturatingSum(column: string): string {
  return `least(sum(${column}), ${MAX_BIGINT})::bigint`;
}
