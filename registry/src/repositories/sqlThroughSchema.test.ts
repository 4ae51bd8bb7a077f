import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { getTableName, is } from 'drizzle-orm';
import { PgTable } from 'drizzle-orm/pg-core';
import { describe, expect, it } from 'vitest';
import * as schema from '../db/schema';

const sourceRoot = join(import.meta.dirname, '..');

function sourceFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return entry.name === 'testing' ? [] : sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

const tableNames = Object.values(schema)
  .filter((value) => is(value, PgTable))
  .map((table) => getTableName(table));

describe('SQL goes through the drizzle schema', () => {
  it('knows the registry tables', () => {
    expect(tableNames).toEqual(expect.arrayContaining(['usage_coordinates_hourly', 'usage_operations', 'graphs']));
  });

  it('names no registry table in raw SQL text outside the schema', () => {
    // A table or column written as text breaks at run time when the schema renames it; interpolated (`${table}`,
    // `columnsOf(table)`) it breaks at typecheck.
    const offenders = sourceFiles(sourceRoot)
      .filter((file) => !file.includes(`${join('db', 'schema')}`))
      .flatMap((file) => {
        const text = readFileSync(file, 'utf8');
        return tableNames
          .filter((name) => new RegExp(`\\bregistry\\.${name}\\b`).test(text))
          .map((name) => `${relative(sourceRoot, file)}: registry.${name}`);
      });
    expect(offenders).toEqual([]);
  });
});
