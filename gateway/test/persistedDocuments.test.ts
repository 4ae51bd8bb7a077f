import { createHash } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PersistedDocumentEntry, PersistedDocumentSource } from '@switchyard/registry-client/persisted-documents';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config';
import { type FakeRegistry, startFakeRegistry } from '../src/plugins/usageReporting/testing/fakeRegistry';
import { productsSubgraph, reviewsSubgraph } from './fixtures';
import { startGateway, startSubgraph, type TestGateway, type TestSubgraph } from './harness';

interface Answer {
  status: number;
  body: { data?: unknown; errors?: Array<{ message: string; extensions?: Record<string, unknown> }> };
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const names = 'query Names { products { name } }';
const namesData = { products: [{ name: 'Scalpel' }, { name: 'Gauze' }, { name: 'Syringe' }] };
const reviewed = 'query Reviewed { reviews { id } }';

/** Lines of `/metrics` for the persisted documents counter, by outcome. */
async function documentCounts(gw: TestGateway): Promise<Record<string, number>> {
  const text = await (await fetch(`${gw.base}/metrics`)).text();
  const counts: Record<string, number> = {};
  for (const match of text.matchAll(/^switchyard_persisted_documents_total\{outcome="(\w+)"\} (\d+)$/gm)) {
    counts[match[1] ?? ''] = Number(match[2]);
  }
  return counts;
}

// A plain third-party-style graph (products + reviews, no @cost, @listSize or auth directives).
describe('persisted documents at the gateway', () => {
  let subgraphs: TestSubgraph[];
  let directory: string;
  let manifestPath: string;
  const gateways: TestGateway[] = [];

  async function post(gw: TestGateway, body: unknown): Promise<Answer> {
    const response = await fetch(gw.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as Answer['body'] };
  }
  const codes = (answer: Answer) => answer.body.errors?.map((error) => error.extensions?.code);
  const start = async (env: Record<string, string>, persistedDocuments?: PersistedDocumentSource) => {
    const gw = await startGateway(subgraphs, env, persistedDocuments ? { persistedDocuments } : {});
    gateways.push(gw);
    return gw;
  };

  beforeAll(async () => {
    subgraphs = [await startSubgraph(productsSubgraph()), await startSubgraph(reviewsSubgraph())];
    directory = await mkdtemp(join(tmpdir(), 'switchyard-persisted-'));
    manifestPath = join(directory, 'manifest.json');
    await writeFile(
      manifestPath,
      JSON.stringify({
        format: 'apollo-persisted-query-manifest',
        version: 1,
        operations: [
          { name: 'Names', type: 'query', body: names },
          { id: 'reviewed-v1', name: 'Reviewed', type: 'query', body: reviewed },
        ],
      }),
    );
  });
  afterAll(async () => {
    await Promise.all(gateways.map((gw) => gw.close()));
    await Promise.all(subgraphs.map((subgraph) => subgraph.stop()));
    await rm(directory, { recursive: true, force: true });
  });

  describe('PERSISTED_DOCUMENTS=require', () => {
    let gw: TestGateway;
    beforeAll(async () => {
      gw = await start({ PERSISTED_DOCUMENTS: 'require', PERSISTED_DOCUMENTS_FILE: manifestPath });
    });

    it('serves a persisted document by documentId (POST and GET), by its APQ hash, and as its exact text', async () => {
      expect(await post(gw, { documentId: sha256(names) })).toMatchObject({ status: 200, body: { data: namesData } });
      const byGet = await fetch(`${gw.url}?documentId=reviewed-v1`);
      expect(byGet.status).toBe(200);
      expect(((await byGet.json()) as Answer['body']).errors).toBeUndefined();
      const byHash = await post(gw, { extensions: { persistedQuery: { version: 1, sha256Hash: sha256(names) } } });
      expect(byHash).toMatchObject({ status: 200, body: { data: namesData } });
      expect(await post(gw, { query: names })).toMatchObject({ status: 200, body: { data: namesData } });
    });

    it('refuses any other document with PERSISTED_QUERY_REQUIRED, and an unknown id with PERSISTED_QUERY_NOT_FOUND', async () => {
      const other = await post(gw, { query: '{ products { id name } }' });
      expect(other.status).toBe(400);
      expect(codes(other)).toEqual(['PERSISTED_QUERY_REQUIRED']);
      const unknownId = await post(gw, { documentId: 'nope' });
      expect(unknownId.status).toBe(404);
      expect(codes(unknownId)).toEqual(['PERSISTED_QUERY_NOT_FOUND']);
      expect(unknownId.body.errors?.[0]?.message).toBe('No persisted document has the id "nope".');
      // APQ cannot register a new document when documents are required.
      const query = '{ products { id } }';
      const persistedQuery = { version: 1, sha256Hash: sha256(query) };
      expect(codes(await post(gw, { extensions: { persistedQuery } }))).toEqual(['PERSISTED_QUERY_NOT_FOUND']);
      expect(codes(await post(gw, { query, extensions: { persistedQuery } }))).toEqual(['PERSISTED_QUERY_REQUIRED']);
      expect(codes(await post(gw, { extensions: { persistedQuery } }))).toEqual(['PERSISTED_QUERY_NOT_FOUND']);
    });

    it('counts known and refused documents on /metrics', async () => {
      const counts = await documentCounts(gw);
      expect(counts.known).toBe(4);
      expect(counts.refused).toBe(5);
    });
  });

  describe('PERSISTED_DOCUMENTS=log', () => {
    let gw: TestGateway;
    let update: (documents: PersistedDocumentEntry[]) => void = () => {};
    let usage: FakeRegistry | undefined;
    beforeAll(async () => {
      // As the registry source would: the documents at start, then each new set.
      const source: PersistedDocumentSource = {
        async start(onUpdate) {
          update = onUpdate;
          return [{ id: 'names', body: names }];
        },
        async stop() {},
      };
      usage = await startFakeRegistry();
      gw = await start(
        { PERSISTED_DOCUMENTS: 'log', USAGE_REGISTRY_URL: usage.url, GRAPH: 'shop', USAGE_REPORT_INTERVAL_MS: '60000' },
        source,
      );
    });
    afterAll(async () => usage?.close());

    it('serves every document, counting the ones that are not persisted as unknown', async () => {
      expect(await post(gw, { documentId: 'names' })).toMatchObject({ status: 200, body: { data: namesData } });
      const other = await post(gw, { query: '{ products { id } }' });
      expect(other.status).toBe(200);
      expect(other.body.errors).toBeUndefined();
      expect(await documentCounts(gw)).toEqual({ known: 1, unknown: 1 });
    });

    it('keeps automatic persisted queries working for documents that are not persisted', async () => {
      const query = '{ products { name } }';
      const persistedQuery = { version: 1, sha256Hash: sha256(query) };
      const missing = await post(gw, { extensions: { persistedQuery } });
      expect(missing.status).toBe(200);
      expect(codes(missing)).toEqual(['PERSISTED_QUERY_NOT_FOUND']);
      expect((await post(gw, { query, extensions: { persistedQuery } })).status).toBe(200);
      expect(await post(gw, { extensions: { persistedQuery } })).toMatchObject({
        status: 200,
        body: { data: namesData },
      });
    });

    it('serves a newly published set as soon as the source reports it', async () => {
      expect(codes(await post(gw, { documentId: 'reviewed' }))).toEqual(['PERSISTED_QUERY_NOT_FOUND']);
      update([{ id: 'reviewed', body: reviewed }]);
      const served = await post(gw, { documentId: 'reviewed' });
      expect(served.status).toBe(200);
      expect(served.body.errors).toBeUndefined();
    });
    it('marks the requests whose document was not persisted in the usage it reports', async () => {
      await gw.gateway.close();
      const operations = usage?.reports.flatMap((report) => report.operations) ?? [];
      const unknownOf = (named: (name: string) => boolean) =>
        operations
          .filter((operation) => named(operation.name))
          .flatMap((operation) => operation.clients)
          .reduce((sum, client) => sum + (client.unknownDocuments ?? 0), 0);
      expect(unknownOf((name) => name === 'Names' || name === 'Reviewed')).toBe(0);
      // `{ products { id } }` once, `{ products { name } }` registered through APQ and then read back.
      expect(unknownOf((name) => name === '')).toBe(3);
    });
  });

  it('PERSISTED_DOCUMENTS=off (the default) refuses a documentId and leaves everything else untouched', async () => {
    const gw = await start({});
    const refused = await post(gw, { documentId: sha256(names) });
    expect(refused.status).toBe(400);
    expect(codes(refused)).toEqual(['PERSISTED_QUERY_NOT_SUPPORTED']);
    expect(await post(gw, { query: names })).toMatchObject({ status: 200, body: { data: namesData } });
    expect(await documentCounts(gw)).toEqual({});
  });

  it('refuses to start requiring documents with nowhere to get them from', () => {
    expect(() => loadConfig({ SUPERGRAPH: 'x.graphql', PERSISTED_DOCUMENTS: 'require' })).toThrow(
      /PERSISTED_DOCUMENTS: require needs REGISTRY_URL and GRAPH, or PERSISTED_DOCUMENTS_FILE/,
    );
    expect(() => loadConfig({ SUPERGRAPH: 'x.graphql', PERSISTED_DOCUMENTS: 'always' })).toThrow(/PERSISTED_DOCUMENTS/);
  });
});
