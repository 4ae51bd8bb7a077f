import { sql } from 'drizzle-orm';
import { columnsOf, qualified } from '../db/columnNames';
import { addHistograms, saturatingAdd } from '../db/counterSql';
import type { Executor } from '../db/openDatabase';
import { usageSubgraphFetches } from '../db/schema/usageSubgraphFetches';
import { rowsOf, timestamp, toNumber } from '../db/sqlValues';

const f = columnsOf(usageSubgraphFetches);

/** Fetches to one subgraph for one operation by one client version, in an hour. */
export interface SubgraphFetchCountRow {
  subgraph: string;
  signature: string;
  clientName: string;
  clientVersion: string;
  fetches: number;
  errors: number;
  latencyHistogram: readonly number[];
}

/**
 * Adds subgraph fetch counts to the UTC hour starting at `hour`, saturating. Rows must be unique by (subgraph,
 * signature, client name, client version) and sorted by it, like every other counter insert (no two folds deadlock).
 */
export async function addSubgraphFetchCounts(
  tx: Executor,
  variantId: string,
  hour: Date,
  rows: readonly SubgraphFetchCountRow[],
): Promise<void> {
  if (rows.length === 0) return;
  const add = (column: typeof f.fetches) => saturatingAdd(qualified('t', column), qualified('excluded', column));
  await tx.execute(sql`
    insert into ${usageSubgraphFetches} as t
      (${f.variantId}, ${f.hour}, ${f.subgraph}, ${f.signature}, ${f.clientName}, ${f.clientVersion}, ${f.fetches}, ${f.errors}, ${f.latencyHistogram})
    select ${variantId}::uuid, ${timestamp(hour)}, r."subgraph", r."signature", r."clientName", r."clientVersion",
      r."fetches", r."errors", array(select jsonb_array_elements_text(r."latencyHistogram")::bigint)
    from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
      as r("subgraph" text, "signature" text, "clientName" text, "clientVersion" text, "fetches" bigint, "errors" bigint,
        "latencyHistogram" jsonb)
    on conflict (${f.variantId}, ${f.hour}, ${f.subgraph}, ${f.signature}, ${f.clientName}, ${f.clientVersion}) do update set
      ${f.fetches} = ${add(f.fetches)}, ${f.errors} = ${add(f.errors)},
      ${f.latencyHistogram} = ${addHistograms(qualified('t', f.latencyHistogram), qualified('excluded', f.latencyHistogram))}`);
}

/** Fetches of one subgraph by one client name on one UTC day. */
export interface SubgraphFetchDayRow {
  subgraph: string;
  clientName: string;
  /** `YYYY-MM-DD`. */
  day: string;
  fetches: number;
  errors: number;
}

/** Fetches per subgraph, client name and UTC day in the hours `[since, until)` (the hour a report's window began). */
export async function sumSubgraphFetchesByDay(
  db: Executor,
  variantId: string,
  input: { since: Date; until: Date },
): Promise<SubgraphFetchDayRow[]> {
  const rows = rowsOf<{ subgraph: string; client_name: string; day: string; fetches: unknown; errors: unknown }>(
    await db.execute(sql`
      select ${f.subgraph} as subgraph, ${f.clientName} as client_name,
        to_char(${f.hour} at time zone 'UTC', 'YYYY-MM-DD') as day,
        sum(${f.fetches}) as fetches, sum(${f.errors}) as errors
      from ${usageSubgraphFetches}
      where ${within(variantId, input)}
      group by 1, 2, 3
      order by 1, 2, 3`),
  );
  return rows.map((row) => ({
    subgraph: row.subgraph,
    clientName: row.client_name,
    day: row.day,
    fetches: toNumber(row.fetches),
    errors: toNumber(row.errors),
  }));
}

/** The latency histogram of each subgraph's fetches per client name in the hours `[since, until)`. */
export async function sumSubgraphFetchLatency(
  db: Executor,
  variantId: string,
  input: { since: Date; until: Date },
): Promise<{ subgraph: string; clientName: string; latencyHistogram: number[] }[]> {
  const rows = rowsOf<{ subgraph: string; client_name: string; slot: unknown; count: unknown }>(
    await db.execute(sql`
      select ${f.subgraph} as subgraph, ${f.clientName} as client_name, u.slot as slot, sum(u.count) as count
      from ${usageSubgraphFetches}, unnest(${f.latencyHistogram}) with ordinality as u(count, slot)
      where ${within(variantId, input)}
      group by 1, 2, 3
      order by 1, 2, 3`),
  );
  const histograms = new Map<string, { subgraph: string; clientName: string; latencyHistogram: number[] }>();
  for (const row of rows) {
    const key = `${row.subgraph}\u0000${row.client_name}`;
    let entry = histograms.get(key);
    if (!entry) {
      entry = { subgraph: row.subgraph, clientName: row.client_name, latencyHistogram: [] };
      histograms.set(key, entry);
    }
    entry.latencyHistogram[toNumber(row.slot) - 1] = toNumber(row.count);
  }
  return [...histograms.values()].map((entry) => ({
    ...entry,
    latencyHistogram: Array.from(entry.latencyHistogram, (count) => count ?? 0),
  }));
}

function within(variantId: string, input: { since: Date; until: Date }) {
  return sql`${f.variantId} = ${variantId} and ${f.hour} >= date_trunc('hour', ${timestamp(input.since)}, 'UTC')
        and ${f.hour} < ${timestamp(input.until)}`;
}
