import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRegistrySupergraphSource, type RegistrySupergraphUpdate } from '@switchyard/registry-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRegistryApi } from '../cli/registryApi';
import { loadConfig } from '../config';
import { createRegistry, type Registry } from '../createRegistry';
import { hashSdl } from '../hashSdl';

const adminToken = 'admin-token-for-the-client-contract-test';
const link = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])';

let registry: Registry;
let directory: string;

beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), 'switchyard-client-registry-'));
  registry = await createRegistry(
    // Built through loadConfig, from explicit values rather than the environment, so new settings get defaults.
    loadConfig({
      HOST: '127.0.0.1',
      PORT: '0',
      DATA_DIR: 'memory://',
      SWITCHYARD_ADMIN_TOKEN: adminToken,
      MAX_SDL_BYTES: String(64 * 1024),
      MAX_BODY_BYTES: String(256 * 1024),
      LOG_LEVEL: 'silent',
    }),
  );
  await registry.listen(0);
});

afterAll(async () => {
  await registry?.close();
  await rm(directory, { recursive: true, force: true });
});

describe('createRegistrySupergraphSource against the registry', () => {
  it('loads the served supergraph with its version and ETag, then follows a new publish', async () => {
    const api = createRegistryApi({ url: registry.url, token: adminToken });
    const publish = (sdl: string) =>
      api.publishSubgraph({
        graph: 'shop',
        variant: 'prod',
        subgraph: 'accounts',
        url: 'http://accounts/graphql',
        sdl,
        create: true,
      });
    await publish(`${link}\ntype Query { me: User }\ntype User @key(fields: "id") { id: ID! }`);
    const reader = await api.createToken({ name: 'gateway', scope: 'READ', graph: 'shop' });

    const cachePath = join(directory, 'supergraph.graphql');
    const source = createRegistrySupergraphSource({
      url: registry.url,
      graph: 'shop',
      token: reader.token,
      pollIntervalMs: 50,
      cachePath,
    });
    const updates: RegistrySupergraphUpdate[] = [];
    let updated = () => {};
    const nextUpdate = new Promise<void>((resolve) => {
      updated = resolve;
    });
    try {
      const first = await source.start((update) => {
        updates.push(update);
        updated();
      });
      expect(first.id).toBe(`v1:${hashSdl(first.sdl)}`);
      expect(first.sdl).toContain('@join__graph(name: "accounts", url: "http://accounts/graphql")');

      await publish(`${link}\ntype Query { me: User }\ntype User @key(fields: "id") { id: ID! name: String }`);
      await nextUpdate;
      expect(updates).toEqual([
        { id: expect.stringMatching(/^v2:[0-9a-f]{64}$/), sdl: expect.stringContaining('name: String') },
      ]);
      expect(await readFile(cachePath, 'utf8')).toContain('name: String');
    } finally {
      await source.stop();
    }
  });
});
