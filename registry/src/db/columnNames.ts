import { getTableColumns, type SQL, sql, type Table } from 'drizzle-orm';

/** A table's columns by property, each as its bare SQL name. */
export type ColumnNames<T extends Table> = { readonly [K in keyof T['_']['columns']]: SQL };

/**
 * The bare (unqualified) names of a table's columns (`"client_name"`), by their schema property (`clientName`). Drizzle
 * prints a column interpolated into `sql` fully qualified (`"registry"."usage_operations"."client_name"`), which
 * PostgreSQL refuses in insert column lists, `set` targets, `excluded.` references and under a table alias; these
 * names work everywhere, and a renamed or removed column still fails typecheck.
 */
export function columnsOf<T extends Table>(table: T): ColumnNames<T> {
  const names: Record<string, SQL> = {};
  for (const [property, column] of Object.entries(getTableColumns(table))) {
    names[property] = sql`${sql.identifier(column.name)}`;
  }
  return names as ColumnNames<T>;
}

/** `left.column` for a table alias or CTE name and a bare column name. */
export function qualified(alias: string, column: SQL): SQL {
  return sql`${sql.identifier(alias)}.${column}`;
}
