import { type SQL, sql } from 'drizzle-orm';

/** A timestamptz bind parameter (ISO text cast explicitly, the same on both drivers). */
export function timestamp(date: Date): SQL {
  return sql`${date.toISOString()}::timestamptz`;
}

/** A date bind parameter from `YYYY-MM-DD`. */
export function day(isoDay: string): SQL {
  return sql`${isoDay}::date`;
}

/** A text[] bind parameter, sent as one JSON value so any number of items costs one parameter. */
export function textList(items: readonly string[]): SQL {
  return sql`array(select jsonb_array_elements_text(${JSON.stringify(items)}::jsonb))`;
}

/** The rows of a raw query, from either driver's result shape. */
export function rowsOf<T>(result: unknown): T[] {
  if (Array.isArray(result)) return result as T[];
  return ((result as { rows?: T[] }).rows ?? []) as T[];
}

/** Rows a statement touched, from either driver's result shape. */
export function affected(result: unknown): number {
  if (typeof result !== 'object' || result === null) return 0;
  const record = result as { rowCount?: number | null; affectedRows?: number };
  return record.rowCount ?? record.affectedRows ?? 0;
}

/** A bigint/numeric column value as a number (drivers return them as strings). */
export function toNumber(value: unknown): number {
  if (value === null || value === undefined) return 0;
  return typeof value === 'number' ? value : Number(value);
}

const postgresUtc = /^(\d{4}-\d\d-\d\d) (\d\d:\d\d:\d\d)(\.\d+)?\+00$/;

/**
 * A timestamp column value as ISO text, or null. Drivers hand timestamptz back as PostgreSQL text
 * (`2026-03-10 09:00:00+00`); the common UTC form is rewritten without building a Date, which matters for reports
 * of tens of thousands of rows.
 */
export function toIso(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
  const text = String(value);
  const utc = postgresUtc.exec(text);
  if (utc) return `${utc[1]}T${utc[2]}${(utc[3] ?? '.000').padEnd(4, '0').slice(0, 4)}Z`;
  const date = new Date(text.replace(' ', 'T').replace(/([+-]\d\d)$/, '$1:00'));
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}
