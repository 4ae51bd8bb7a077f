import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Registry } from '../../createRegistry';
import { productsSdl } from '../../db/testing/fixtures';
import { publishSubgraph } from '../../publishing/publishSubgraph';
import { type CliRegistry, startCliRegistry } from '../testing/startCliRegistry';

const adminToken = 'admin-token-for-the-documents-cli-tests';
let registry: Registry;
let cli: CliRegistry;
let directory: string;

/** Runs the CLI in-process against the test registry. */
const run = (argv: string[]) => cli.run(argv);

beforeAll(async () => {
  cli = await startCliRegistry({ adminToken });
  registry = cli.registry;
  directory = cli.directory;
  await publishSubgraph(
    { db: registry.db, maxSdlBytes: 64 * 1024 },
    {
      graph: 'shop',
      variant: 'prod',
      subgraph: 'products',
      url: 'http://products.test/graphql',
      sdl: productsSdl(),
      create: true,
    },
  );
  await writeFile(
    join(directory, 'manifest.json'),
    JSON.stringify({
      format: 'apollo-persisted-query-manifest',
      version: 1,
      operations: [{ id: 'names-1', name: 'Names', type: 'query', body: 'query Names { products { name } }' }],
    }),
  );
  await writeFile(
    join(directory, 'broken.json'),
    JSON.stringify({ ok: '{ products { id } }', typo: 'query Typo { products { nmae } }' }),
  );
});
afterAll(async () => {
  await cli?.close();
});

describe('switchyard documents', () => {
  it('publishes a manifest, lists client versions and their documents, and deletes a version', async () => {
    const published = await run([
      'documents',
      'publish',
      '--client',
      'web',
      '--client-version',
      '1.2.0',
      '--manifest',
      'manifest.json',
    ]);
    expect(published).toMatchObject({ code: 0, stdout: 'Published 1 document of web 1.2.0 to shop@prod.' });

    const listed = await run(['documents', 'list']);
    expect(listed.code).toBe(0);
    expect(listed.stdout).toMatch(/Client\s+Version\s+Documents\s+Published/);
    expect(listed.stdout).toMatch(/web\s+1\.2\.0\s+1\s+\d{4}-/);
    const documents = await run(['documents', 'list', '--client', 'web', '--client-version', '1.2.0']);
    expect(documents.stdout).toMatch(/names-1\s+Names\s+query/);

    const deleted = await run(['documents', 'delete', '--client', 'web', '--client-version', '1.2.0']);
    expect(deleted).toMatchObject({
      code: 0,
      stdout: 'Deleted the persisted documents of web 1.2.0 (1) from shop@prod.',
    });
    expect((await run(['documents', 'list'])).stdout).toContain('shop@prod has no persisted documents');
    const again = await run(['documents', 'delete', '--client', 'web', '--client-version', '1.2.0']);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('NOT_FOUND');
  });

  it('exits 1 naming every invalid document, and 2 without a manifest', async () => {
    const refused = await run([
      'documents',
      'publish',
      '--client',
      'web',
      '--client-version',
      '2',
      '--manifest',
      'broken.json',
    ]);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toContain('1 of 2 documents are not valid against shop@prod; nothing was published.');
    expect(refused.stdout).toContain('✗ typo: Cannot query field "nmae" on type "Product".');
    const missing = await run([
      'documents',
      'publish',
      '--client',
      'web',
      '--client-version',
      '2',
      '--manifest',
      'nope.json',
    ]);
    expect(missing).toMatchObject({ code: 2, stderr: expect.stringContaining('Cannot read --manifest nope.json') });
  });
});
