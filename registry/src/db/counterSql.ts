import { type SQL, sql } from 'drizzle-orm';

/** The largest bigint; counters stop there instead of failing the statement (and the report) on overflow. */
export const MAX_BIGINT = '9223372036854775807';
const max = sql.raw(MAX_BIGINT);

/**
 * Adds two non-negative bigint expressions, saturating at `MAX_BIGINT`: a counter a forged report pushed near the
 * top can no longer make every later report of its hour fail with "bigint out of range".
 */
export function saturatingAdd(left: SQL, right: SQL): SQL {
  return sql`(case when ${left} > ${max} - ${right} then ${max} else ${left} + ${right} end)`;
}

/** Adds two bigint[] histograms slot by slot, each slot saturating; the shorter one counts as zeros. */
export function addHistograms(left: SQL, right: SQL): SQL {
  return sql`array(select ${saturatingAdd(sql`coalesce(a, 0)`, sql`coalesce(b, 0)`)} from unnest(${left}, ${right}) with ordinality as h(a, b, i) order by i)::bigint[]`;
}

/** Sums a bigint expression into a bigint, saturating at `MAX_BIGINT` (`sum` itself returns numeric). */
export function saturatingSum(value: SQL): SQL {
  return sql`least(sum(${value}), ${max})::bigint`;
}
