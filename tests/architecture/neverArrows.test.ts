import { execFile } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);
const biome = join(dirname(require.resolve('@biomejs/biome/package.json')), 'bin/biome');
const biomeConfig = fileURLToPath(new URL('../../biome.json', import.meta.url));

/** One probe file: where it sits (as in the repository) and the import it makes. */
const probes = {
  forbidden: {
    'gateway/src/importsRegistry.ts': "import { createRegistry } from '@switchyard/registry';",
    'gateway/src/importsRegistryUsage.ts': "import { UsageReport } from '@switchyard/registry/usage';",
    'gateway/src/plugins/importsRegistrySource.ts': "import { x } from '../../../registry/src/usage/contract';",
    'gateway/src/importsClientSource.ts': "import { x } from '../../registry/client/src/index';",
    'subgraphs/orders/src/importsGateway.ts': "import { x } from '@switchyard/gateway';",
    'subgraphs/orders/src/importsGatewayConfig.ts': "import { x } from '@switchyard/gateway/config';",
    'subgraphs/catalog/src/importsRegistry.ts': "import { x } from '@switchyard/registry';",
    'subgraphs/catalog/src/importsRegistryClient.ts': "import { x } from '@switchyard/registry-client';",
    'subgraphs/kit/src/importsGatewaySource.ts': "import { x } from '../../../gateway/src/server';",
    'subgraphs/kit/src/importsDomain.ts': "import { x } from '@switchyard/demo-domain';",
    'subgraphs/kit/src/importsDomainSource.ts': "import { x } from '../../domain/src/index';",
    'registry/client/src/importsDrizzle.ts': "import { x } from 'drizzle-orm/pg-core';",
    'registry/client/src/importsPglite.ts': "import { x } from '@electric-sql/pglite';",
    'registry/client/src/importsPothos.ts': "import { x } from '@pothos/core';",
    'registry/client/src/usage/importsRegistrySource.ts': "import { x } from '../../../src/db/index';",
    'registry/src/importsGateway.ts': "import { x } from '@switchyard/gateway';",
    'registry/src/importsGatewayConfig.ts': "import { x } from '@switchyard/gateway/config';",
    'registry/src/publishing/importsGatewaySource.ts': "import { x } from '../../../gateway/src/plugins/cost/costStep';",
    'registry/client/src/importsGateway.ts': "import { x } from '@switchyard/gateway';",
    'gateway/cost/src/importsGatewaySource.ts': "import { x } from '../../src/errors';",
    'gateway/cost/src/importsApollo.ts': "import { x } from '@apollo/gateway';",
    'gateway/cost/src/importsRegistryClient.ts': "import { x } from '@switchyard/registry-client';",
  },
  allowed: {
    'gateway/src/importsClient.ts': "import { x } from '@switchyard/registry-client';",
    'gateway/src/importsClientUsage.ts': "import { x } from '@switchyard/registry-client/usage';",
    'subgraphs/orders/src/importsKitAndDomain.ts':
      "import { x } from '@switchyard/subgraph-kit';\nimport { y } from '@switchyard/demo-domain';\nexport const z = y;",
    'registry/src/importsClient.ts': "import { x } from '@switchyard/registry-client';",
    'registry/src/importsCostModel.ts': "import { x } from '@switchyard/cost-model';",
    'gateway/src/importsCostModel.ts': "import { x } from '@switchyard/cost-model';",
    'gateway/cost/src/importsGraphql.ts':
      "import { x } from 'graphql';\nimport { y } from 'graphql-query-complexity';\nexport const z = y;",
    'registry/client/src/usage/importsSibling.ts': "import { x } from '../names';",
    'tests/e2e/importsEverything.ts':
      "import { x } from '@switchyard/registry';\nimport { y } from '@switchyard/gateway';\nexport const z = y;",
  },
};

let project: string;
let flagged: string[];

/**
 * The architecture's never-arrows are `noRestrictedImports` overrides in biome.json, which `npm run lint` (and so CI)
 * runs. This lints probe files laid out like the repository, in a temporary copy holding only biome.json, with the
 * repository's own Biome, and reads which files the rule flagged.
 */
beforeAll(async () => {
  project = await mkdtemp(join(tmpdir(), 'switchyard-never-arrows-'));
  await copyFile(biomeConfig, join(project, 'biome.json'));
  for (const [path, source] of Object.entries({ ...probes.forbidden, ...probes.allowed })) {
    await mkdir(dirname(join(project, path)), { recursive: true });
    await writeFile(join(project, path), `${source}\nexport const probe = x;\n`);
  }
  const output = await new Promise<string>((resolve) => {
    execFile(
      process.execPath,
      [biome, 'lint', '--max-diagnostics=none', '.'],
      { cwd: project },
      (_error, stdout, stderr) => resolve(`${stdout}\n${stderr}`),
    );
  });
  const matches = output.matchAll(/^(\S+\.ts):\d+:\d+ lint\/style\/noRestrictedImports/gm);
  flagged = [...new Set([...matches].map((match) => match[1] ?? ''))].sort();
});

afterAll(async () => {
  await rm(project, { recursive: true, force: true });
});

describe('the never-arrows lint rule', () => {
  it('fails every forbidden import: gateway → registry internals, registry → gateway other than the cost model, cost model → gateway src or servers, subgraphs → gateway or registry, kit → domain, client → database', () => {
    expect(flagged.filter((path) => path in probes.forbidden)).toEqual(Object.keys(probes.forbidden).sort());
  });

  it('lets the allowed arrows through', () => {
    expect(flagged.filter((path) => path in probes.allowed)).toEqual([]);
  });
});
