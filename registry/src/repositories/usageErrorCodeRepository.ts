import { sql } from 'drizzle-orm';
import { columnsOf, qualified } from '../db/columnNames';
import { saturatingAdd } from '../db/counterSql';
import type { Executor } from '../db/openDatabase';
import { usageOperationErrorCodes, usageUnknownDocuments } from '../db/schema/usageErrorCodes';
import { rowsOf, textList, timestamp, toNumber } from '../db/sqlValues';

const e = columnsOf(usageOperationErrorCodes);
const u = columnsOf(usageUnknownDocuments);

/** Failed requests of one operation by one client version with one error code, in an hour. */
export interface ErrorCodeCountRow {
  signature: string;
  clientName: string;
  clientVersion: string;
  code: string;
  count: number;
}

/**
 * Adds error-code counts to the UTC hour starting at `hour`, saturating. Rows must be unique by (signature, client
 * name, client version, code) and sorted by it, like every other counter insert (no two reports deadlock).
 */
export async function addOperationErrorCodes(
  tx: Executor,
  variantId: string,
  hour: Date,
  rows: readonly ErrorCodeCountRow[],
): Promise<void> {
  if (rows.length === 0) return;
  await tx.execute(sql`
    insert into ${usageOperationErrorCodes} as t
      (${e.variantId}, ${e.hour}, ${e.signature}, ${e.clientName}, ${e.clientVersion}, ${e.code}, ${e.count})
    select ${variantId}::uuid, ${timestamp(hour)}, r."signature", r."clientName", r."clientVersion", r."code", r."count"
    from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
      as r("signature" text, "clientName" text, "clientVersion" text, "code" text, "count" bigint)
    on conflict (${e.variantId}, ${e.hour}, ${e.signature}, ${e.clientName}, ${e.clientVersion}, ${e.code}) do update set
      ${e.count} = ${saturatingAdd(qualified('t', e.count), qualified('excluded', e.count))}`);
}

/**
 * Failed requests per operation and error code in the hours `[since, until)` (the hour a report's window started
 * in), optionally of some signatures only, busiest code first.
 */
export async function sumOperationErrorCodes(
  db: Executor,
  variantId: string,
  input: { since: Date; until: Date; signatures?: readonly string[] },
): Promise<{ signature: string; code: string; count: number }[]> {
  const only = input.signatures ? sql`and ${e.signature} = any(${textList(input.signatures)})` : sql``;
  const rows = rowsOf<{ signature: string; code: string; count: unknown }>(
    await db.execute(sql`
      select ${e.signature} as signature, ${e.code} as code, sum(${e.count}) as count
      from ${usageOperationErrorCodes}
      where ${e.variantId} = ${variantId} and ${e.hour} >= date_trunc('hour', ${timestamp(input.since)}, 'UTC')
        and ${e.hour} < ${timestamp(input.until)} ${only}
      group by 1, 2
      order by 3 desc, 2`),
  );
  return rows.map((row) => ({ signature: row.signature, code: row.code, count: toNumber(row.count) }));
}

/** Requests of one operation by one client version whose document no manifest held, in an hour. */
export interface UnknownDocumentCountRow {
  signature: string;
  clientName: string;
  clientVersion: string;
  count: number;
}

/** Adds unknown-document counts to the UTC hour starting at `hour`, saturating; rows unique and sorted by key. */
export async function addUnknownDocuments(
  tx: Executor,
  variantId: string,
  hour: Date,
  rows: readonly UnknownDocumentCountRow[],
): Promise<void> {
  if (rows.length === 0) return;
  await tx.execute(sql`
    insert into ${usageUnknownDocuments} as t
      (${u.variantId}, ${u.hour}, ${u.signature}, ${u.clientName}, ${u.clientVersion}, ${u.count})
    select ${variantId}::uuid, ${timestamp(hour)}, r."signature", r."clientName", r."clientVersion", r."count"
    from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
      as r("signature" text, "clientName" text, "clientVersion" text, "count" bigint)
    on conflict (${u.variantId}, ${u.hour}, ${u.signature}, ${u.clientName}, ${u.clientVersion}) do update set
      ${u.count} = ${saturatingAdd(qualified('t', u.count), qualified('excluded', u.count))}`);
}

/** Requests per operation whose document no manifest held, in the hours `[since, until)`. */
export async function sumUnknownDocuments(
  db: Executor,
  variantId: string,
  input: { since: Date; until: Date },
): Promise<{ signature: string; count: number }[]> {
  const rows = rowsOf<{ signature: string; count: unknown }>(
    await db.execute(sql`
      select ${u.signature} as signature, sum(${u.count}) as count
      from ${usageUnknownDocuments}
      where ${u.variantId} = ${variantId} and ${u.hour} >= date_trunc('hour', ${timestamp(input.since)}, 'UTC')
        and ${u.hour} < ${timestamp(input.until)}
      group by 1`),
  );
  return rows.map((row) => ({ signature: row.signature, count: toNumber(row.count) }));
}
