import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateDrizzleJson, generateMigration } from 'drizzle-kit/api';
import { describe, expect, it } from 'vitest';
import { migrationsFolder } from './openDatabase';
import * as schema from './schema';

interface Journal {
  entries: { idx: number; tag: string }[];
}

describe('checked-in migrations', () => {
  it('match the drizzle schema (run `npx drizzle-kit generate` in registry/ when this fails)', async () => {
    const journal = JSON.parse(readFileSync(join(migrationsFolder, 'meta', '_journal.json'), 'utf8')) as Journal;
    const last = journal.entries.at(-1);
    expect(last).toBeDefined();
    const snapshotFile = `${String(last?.idx).padStart(4, '0')}_snapshot.json`;
    const snapshot = JSON.parse(readFileSync(join(migrationsFolder, 'meta', snapshotFile), 'utf8'));
    const current = generateDrizzleJson(schema, snapshot.id, ['registry']);
    expect(await generateMigration(snapshot, current)).toEqual([]);
  });
});
