import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createRegistrySupergraphSource, type RegistrySupergraphSource } from './createRegistrySupergraphSource';
import type { RegistrySupergraphUpdate } from './options';

/** A stand-in for the registry's supergraph endpoint, serving whatever version the test sets. */
interface FakeRegistry {
  url: string;
  requests: IncomingMessage[];
  /** Resolves once `count` requests in all have reached it. */
  requested(count: number): Promise<void>;
  publish(version: number, sdl: string): void;
  close(): Promise<void>;
}

async function startFakeRegistry(): Promise<FakeRegistry> {
  let current: { version: number; sdl: string } | undefined;
  const requests: IncomingMessage[] = [];
  const waiters = new Set<{ count: number; resolve(): void }>();
  const server: Server = createServer((request, response) => {
    requests.push(request);
    for (const waiter of waiters) {
      if (requests.length < waiter.count) continue;
      waiters.delete(waiter);
      waiter.resolve();
    }
    if (request.url !== '/v1/graphs/shop/variants/prod/supergraph' || request.headers.authorization !== 'Bearer t0k') {
      response
        .writeHead(401, { 'content-type': 'application/json' })
        .end('{"error":{"code":"UNAUTHENTICATED","message":"no"}}');
      return;
    }
    if (!current) {
      response.writeHead(404, { 'content-type': 'application/json' });
      response.end('{"error":{"code":"NOT_FOUND","message":"No supergraph has been published for shop/prod."}}');
      return;
    }
    const etag = `"etag-${current.version}"`;
    if (request.headers['if-none-match'] === etag) {
      response.writeHead(304).end();
      return;
    }
    response.writeHead(200, {
      'content-type': 'text/plain; charset=utf-8',
      etag,
      'x-switchyard-version': String(current.version),
    });
    response.end(current.sdl);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    requested: (count) =>
      requests.length >= count ? Promise.resolve() : new Promise((resolve) => waiters.add({ count, resolve })),
    publish(version, sdl) {
      current = { version, sdl };
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** A URL nothing listens on: a closed fake registry's port. */
async function unreachableUrl(): Promise<string> {
  const registry = await startFakeRegistry();
  await registry.close();
  return registry.url;
}

/** The updates a source reports through `onUpdate`; `first` resolves with the first of them. */
function collectUpdates() {
  const updates: RegistrySupergraphUpdate[] = [];
  let reportFirst: (update: RegistrySupergraphUpdate) => void = () => {};
  const first = new Promise<RegistrySupergraphUpdate>((resolve) => {
    reportFirst = resolve;
  });
  const onUpdate = (update: RegistrySupergraphUpdate) => {
    updates.push(update);
    reportFirst(update);
  };
  return { updates, first, onUpdate };
}

describe('createRegistrySupergraphSource', () => {
  let directory: string;
  let cachePath: string;
  let registry: FakeRegistry | undefined;
  let source: RegistrySupergraphSource | undefined;

  beforeEach(async () => {
    directory = await mkdtemp(join(tmpdir(), 'switchyard-client-'));
    cachePath = join(directory, 'cache', 'supergraph.graphql');
  });
  afterEach(async () => {
    vi.useRealTimers();
    await source?.stop();
    await registry?.close();
    registry = undefined;
    await rm(directory, { recursive: true, force: true });
  });

  const create = (url: string) =>
    createRegistrySupergraphSource({
      url,
      graph: 'shop',
      token: 't0k',
      pollIntervalMs: 30,
      retryDelayMs: 20,
      cachePath,
    });

  it('starts with the registry supergraph, caches it, and polls with If-None-Match getting 304s', async () => {
    registry = await startFakeRegistry();
    registry.publish(3, 'type Query { a: Int }');
    source = create(registry.url);
    const { updates, onUpdate } = collectUpdates();
    const first = await source.start(onUpdate);
    expect(first).toEqual({ sdl: 'type Query { a: Int }', id: 'v3:etag-3' });
    expect(await readFile(cachePath, 'utf8')).toContain('type Query { a: Int }');
    await registry.requested(3);
    expect(registry.requests[1]?.headers['if-none-match']).toBe('"etag-3"');
    expect(updates).toEqual([]);
  });

  it('reports a newly published version once through onUpdate', async () => {
    registry = await startFakeRegistry();
    registry.publish(1, 'type Query { a: Int }');
    source = create(registry.url);
    const { updates, first, onUpdate } = collectUpdates();
    await source.start(onUpdate);
    registry.publish(2, 'type Query { a: Int b: Int }');
    await first;
    // Two more polls answer 304 and report nothing more.
    await registry.requested(registry.requests.length + 2);
    expect(updates).toEqual([{ sdl: 'type Query { a: Int b: Int }', id: 'v2:etag-2' }]);
    expect(await readFile(cachePath, 'utf8')).toContain('b: Int');
  });

  it('starts from the cache a previous run wrote when the registry is down', async () => {
    registry = await startFakeRegistry();
    const previous = create(registry.url);
    registry.publish(4, 'type Query { cached: Int }');
    await previous.start(() => {});
    await previous.stop();
    await registry.close();
    registry = undefined;

    source = create(await unreachableUrl());
    const first = await source.start(() => {});
    expect(first).toEqual({ sdl: 'type Query { cached: Int }', id: 'v4:etag-4' });
  });

  it('retries in the background after starting from the cache and reports the registry version', async () => {
    await writeFile(join(directory, 'plain.graphql'), 'type Query { plain: Int }');
    cachePath = join(directory, 'plain.graphql');
    registry = await startFakeRegistry();
    registry.publish(7, 'type Query { fresh: Int }');
    const fakeRegistry = registry;
    let failedOnce = false;
    const delayed = createRegistrySupergraphSource({
      url: fakeRegistry.url,
      graph: 'shop',
      token: 't0k',
      pollIntervalMs: 30,
      retryDelayMs: 20,
      cachePath,
      // The first request fails as if the registry were down; later ones reach it.
      fetch: async (input, init) => {
        if (!failedOnce) {
          failedOnce = true;
          throw new TypeError('fetch failed');
        }
        return fetch(input, init);
      },
    });
    source = delayed;
    const { updates, first: firstUpdate, onUpdate } = collectUpdates();
    const first = await delayed.start(onUpdate);
    expect(first.sdl).toBe('type Query { plain: Int }');
    expect(first.id).toMatch(/^file:[0-9a-f]{64}$/);
    await firstUpdate;
    expect(updates).toEqual([{ sdl: 'type Query { fresh: Int }', id: 'v7:etag-7' }]);
  });

  it('rejects with a clear error when the registry is down and there is no cache', async () => {
    source = create(await unreachableUrl());
    await expect(source.start(() => {})).rejects.toThrow(/Could not reach the registry.*no cached supergraph at/s);
  });

  it('rejects when the registry has no version yet and there is no cache', async () => {
    registry = await startFakeRegistry();
    source = create(registry.url);
    await expect(source.start(() => {})).rejects.toThrow(
      /no supergraph yet: No supergraph has been published for shop\/prod/,
    );
  });

  it('aborts a poll in flight on stop()', async () => {
    registry = await startFakeRegistry();
    registry.publish(1, 'type Query { a: Int }');
    const signals: AbortSignal[] = [];
    let pollHanging = () => {};
    const hanging = new Promise<void>((resolve) => {
      pollHanging = resolve;
    });
    source = createRegistrySupergraphSource({
      url: registry.url,
      graph: 'shop',
      token: 't0k',
      pollIntervalMs: 10,
      cachePath,
      // The first request reaches the registry; later polls hang until aborted.
      fetch: (input, init) => {
        if (signals.length === 0 && init?.signal) signals.push(init.signal);
        else if (init?.signal) {
          signals.push(init.signal);
          pollHanging();
          return new Promise((_, reject) => init.signal?.addEventListener('abort', () => reject(init.signal?.reason)));
        }
        return fetch(input, init);
      },
    });
    await source.start(() => {});
    await hanging;
    await source.stop();
    expect(signals[1]?.aborted).toBe(true);
  });

  it('stops polling on stop()', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    let polls = 0;
    source = createRegistrySupergraphSource({
      url: 'http://registry.invalid',
      graph: 'shop',
      token: 't0k',
      pollIntervalMs: 30,
      cachePath,
      // Answered in memory, so the fake clock alone decides when polls happen.
      fetch: async () => {
        polls++;
        return polls === 1
          ? new Response('type Query { a: Int }', { headers: { etag: '"etag-1"', 'x-switchyard-version': '1' } })
          : new Response(null, { status: 304 });
      },
    });
    await source.start(() => {});
    await vi.advanceTimersByTimeAsync(40);
    expect(polls).toBe(2);
    await source.stop();
    await vi.advanceTimersByTimeAsync(600);
    expect(polls).toBe(2);
  });
});
