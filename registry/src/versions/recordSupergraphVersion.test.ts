import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SchemaChange } from '../changes/types';
import type { OpenedDatabase } from '../db/openDatabase';
import { backendTitle, openTestDatabase, storageBackends } from '../db/testing/testDatabase';
import { ensureVariantCreated } from '../repositories/graphRepository';
import { findSchemaChangesOf } from '../repositories/supergraphVersionRepository';
import { recordSupergraphVersion } from './recordSupergraphVersion';

const backends = await storageBackends();

describe.each(backends)('recordSupergraphVersion on $name', (backend) => {
  describe.skipIf(backend.skipReason !== undefined)(backendTitle(backend), () => {
    let database: OpenedDatabase;
    beforeAll(async () => {
      database = await openTestDatabase(backend);
    });
    afterAll(async () => {
      await database?.close();
    });

    it('stores 30,000 changes (a 10,000-type subgraph), past the 65,535 parameters of one statement', async () => {
      const { variantId } = await ensureVariantCreated(database.db, 'big', 'prod');
      const changes: SchemaChange[] = Array.from({ length: 30_000 }, (_, index) => ({
        id: `change-${index}`,
        type: 'TYPE_ADDED',
        criticality: 'SAFE',
        coordinate: `T${index}`,
        message: `Type "T${index}" was added.`,
      }));
      const version = await database.db.transaction((tx) =>
        recordSupergraphVersion(tx, {
          variantId,
          previous: undefined,
          supergraphSdl: 'type Query { a: Int }',
          apiSdl: 'type Query { a: Int }',
          changes,
          subgraphVersionIds: [],
          changedSubgraphs: ['chain'],
        }),
      );
      const stored = (await findSchemaChangesOf(database.db, [version.id])).get(version.id) ?? [];
      expect(stored).toHaveLength(30_000);
      expect(stored.at(-1)).toEqual(changes.at(-1));
    }, 60_000);
  });
});
