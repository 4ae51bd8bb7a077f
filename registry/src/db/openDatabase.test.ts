import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { openDatabase } from './openDatabase';
import { rowsOf } from './sqlValues';
import { backendTitle, createFreshDatabase, storageBackends } from './testing/testDatabase';

const backends = await storageBackends();

describe.each(backends)('opening the registry database on $name', (backend) => {
  it.skipIf(Boolean(backend.skipReason))(`sets work_mem on every connection (${backendTitle(backend)})`, async () => {
    const fresh = backend.url ? await createFreshDatabase(backend.url) : undefined;
    const opened = await openDatabase({ url: fresh?.url, workMem: '48MB', poolSize: 3 });
    try {
      // Three statements at once take three pool connections on PostgreSQL; each must have the setting.
      const settings = await Promise.all(
        [1, 2, 3].map(async () => rowsOf<{ work_mem: string }>(await opened.db.execute(sql`show work_mem`))[0]),
      );
      expect(settings.map((row) => row?.work_mem)).toEqual(['48MB', '48MB', '48MB']);
    } finally {
      await opened.close();
      await fresh?.drop();
    }
  });
});

it('refuses a work_mem that is not a size', async () => {
  await expect(openDatabase({ workMem: "1MB'; drop schema registry; --" })).rejects.toThrow(/work_mem/);
});
