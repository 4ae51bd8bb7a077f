import { type SQL, sql } from 'drizzle-orm';

/** Splits rows into batches of at most `size`, for multi-row statements under the bind-parameter limit. */
export function chunk<T>(rows: readonly T[], size: number): T[][] {
  const batches: T[][] = [];
  for (let start = 0; start < rows.length; start += size) batches.push(rows.slice(start, start + size));
  return batches;
}

/**
 * The `SET` of an upsert that adds the incoming counts to the stored ones (`count = table.count + excluded.count`),
 * and adds a histogram column slot by slot. Column names are our own constants, never input.
 */
export function addCounts(table: string, counters: readonly string[], histogram?: string): Record<string, SQL> {
  const set: Record<string, SQL> = {};
  for (const column of counters) set[camel(column)] = sql.raw(`${table}.${column} + excluded.${column}`);
  if (histogram) set[camel(histogram)] = sql.raw(addHistograms(`${table}.${histogram}`, `excluded.${histogram}`));
  return set;
}

/** SQL adding two bigint[] histograms slot by slot; the shorter one counts as zeros. */
export function addHistograms(left: string, right: string): string {
  return `array(select coalesce(a, 0) + coalesce(b, 0) from unnest(${left}, ${right}) with ordinality as h(a, b, i) order by i)::bigint[]`;
}

function camel(column: string): string {
  return column.replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase());
}
