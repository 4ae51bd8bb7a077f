import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PersistedDocumentEntry } from './contract';
import { createPersistedDocumentSource, type PersistedDocumentSource } from './createPersistedDocumentSource';

interface FakeRegistry {
  url: string;
  requests: IncomingMessage[];
  serve(revision: number, documents: PersistedDocumentEntry[]): void;
  close(): Promise<void>;
}

async function startFakeRegistry(): Promise<FakeRegistry> {
  let current = { revision: 0, documents: [] as PersistedDocumentEntry[] };
  const requests: IncomingMessage[] = [];
  const server: Server = createServer((request, response) => {
    requests.push(request);
    if (request.url !== '/v1/graphs/shop/variants/prod/persisted-documents') {
      response.writeHead(404, { 'content-type': 'application/json' }).end('{"error":{"message":"no route"}}');
      return;
    }
    const etag = `"docs-${current.revision}"`;
    if (request.headers['if-none-match'] === etag) {
      response.writeHead(304).end();
      return;
    }
    response.writeHead(200, { 'content-type': 'application/json', etag });
    response.end(JSON.stringify({ documents: current.documents }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    serve(revision, documents) {
      current = { revision, documents };
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

describe('createPersistedDocumentSource', () => {
  let directory: string;
  let cachePath: string;
  let registry: FakeRegistry | undefined;
  let source: PersistedDocumentSource | undefined;

  beforeEach(async () => {
    directory = await mkdtemp(join(tmpdir(), 'switchyard-documents-'));
    cachePath = join(directory, 'documents.json');
  });
  afterEach(async () => {
    await source?.stop();
    await registry?.close();
    registry = undefined;
    await rm(directory, { recursive: true, force: true });
  });

  const create = (url: string) =>
    createPersistedDocumentSource({ url, graph: 'shop', pollIntervalMs: 20, retryDelayMs: 20, cachePath });

  it('starts with the registry documents, polls with If-None-Match, and reports a new set once', async () => {
    registry = await startFakeRegistry();
    registry.serve(1, [{ id: 'a', body: '{ a }' }]);
    source = create(registry.url);
    let reported: (documents: PersistedDocumentEntry[]) => void = () => {};
    const next = new Promise<PersistedDocumentEntry[]>((resolve) => {
      reported = resolve;
    });
    expect(await source.start((documents) => reported(documents))).toEqual([{ id: 'a', body: '{ a }' }]);
    registry.serve(2, [{ id: 'b', body: '{ b }' }]);
    expect(await next).toEqual([{ id: 'b', body: '{ b }' }]);
    expect(registry.requests.slice(1).some((request) => request.headers['if-none-match'] === '"docs-1"')).toBe(true);
    expect(JSON.parse(await readFile(cachePath, 'utf8'))).toEqual({
      etag: '"docs-2"',
      documents: [{ id: 'b', body: '{ b }' }],
    });
  });

  it('starts from the last good documents on disk when the registry is down, and with none without them', async () => {
    registry = await startFakeRegistry();
    registry.serve(5, [{ id: 'kept', body: '{ kept }' }]);
    const previous = create(registry.url);
    await previous.start(() => {});
    await previous.stop();
    const { url } = registry;
    await registry.close();
    registry = undefined;
    source = create(url);
    expect(await source.start(() => {})).toEqual([{ id: 'kept', body: '{ kept }' }]);
    await source.stop();
    await rm(cachePath);
    source = create(url);
    expect(await source.start(() => {})).toEqual([]);
  });
});
