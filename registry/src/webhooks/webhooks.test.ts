import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RegistryDatabase } from '../db/openDatabase';
import { openDatabase } from '../db/openDatabase';
import { productsSdl, reviewsSdl } from '../db/testing/fixtures';
import { backendTitle, createFreshDatabase, openTestDatabase, storageBackends } from '../db/testing/testDatabase';
import { publishDocuments } from '../documents/publishDocuments';
import { deleteGraph } from '../graphs/manageGraphs';
import { checkSubgraph } from '../publishing/checkSubgraph';
import { publishSubgraph } from '../publishing/publishSubgraph';
import { findVariant } from '../repositories/graphRepository';
import { findLatestSupergraphVersion } from '../repositories/supergraphVersionRepository';
import type { WebhookPayload } from './buildWebhookPayload';
import { type DeliveryContext, deliverDueWebhooks } from './deliverWebhooks';
import { createWebhook, deleteWebhook, listGraphWebhooks, listWebhookDeliveries, testWebhook } from './manageWebhooks';
import { findWebhookSignatureProblem } from './signWebhook';
import { startWebhookReceiver, type WebhookReceiver } from './testing/webhookReceiver';
import { defaultWebhookSettings, type WebhookSettings } from './webhookSettings';

const secret = 'a-receiver-secret-of-32-characters';
const settings: WebhookSettings = {
  ...defaultWebhookSettings,
  retry: { baseDelayMs: 30_000, maxDelayMs: 3_600_000, horizonMs: 86_400_000 },
};

const backends = await storageBackends();

describe.each(backends)('webhooks on $name', (backend) => {
  describe.skipIf(backend.skipReason !== undefined)(backendTitle(backend), () => {
    let db: RegistryDatabase;
    let close: () => Promise<void>;
    let receiver: WebhookReceiver;
    let graphCount = 0;
    let graph = '';
    // The deliverer's clock: real time plus what a test skips ahead.
    let offsetMs = 0;
    const now = () => new Date(Date.now() + offsetMs);
    const context = (): DeliveryContext => ({ db, settings, now });

    beforeAll(async () => {
      const opened = await openTestDatabase(backend);
      db = opened.db;
      close = opened.close;
    });
    afterAll(async () => close?.());
    beforeEach(async () => {
      graphCount += 1;
      graph = `hooks${graphCount}`;
      offsetMs = 0;
      receiver = await startWebhookReceiver();
    });
    afterEach(async () => receiver.close());

    // A plain third-party-style graph: federation keys only, no cost, list-size or auth directives.
    const publish = (subgraph: 'products' | 'reviews', sdl: string) =>
      publishSubgraph(
        { db, maxSdlBytes: 64 * 1024 },
        { graph, variant: 'prod', subgraph, url: `http://${subgraph}.test/graphql`, sdl, create: true },
      );
    const hook = (extra: Partial<Parameters<typeof createWebhook>[1]> = {}) =>
      createWebhook(context(), { graph, variant: 'prod', url: receiver.url, secret, ...extra });
    const deliveries = async (id: string) => listWebhookDeliveries(context(), { graph, id, limit: 50 });

    it('delivers a publish as signed JSON with the version, its classified changes and its changelog', async () => {
      await publish('products', productsSdl());
      const webhook = await hook();
      const result = await publish('products', productsSdl('price: Int'));
      expect(result.status).toBe('PUBLISHED');

      expect(await deliverDueWebhooks(context())).toEqual({ attempted: 1, delivered: 1, retrying: 0, failed: 0 });
      const request = await receiver.request(1);
      expect(
        findWebhookSignatureProblem({
          secret,
          body: request.body,
          signature: request.headers['x-switchyard-signature'] as string,
          timestamp: request.headers['x-switchyard-timestamp'] as string,
        }),
      ).toBeUndefined();
      // Signed with another secret, or replayed later, it does not verify.
      expect(
        findWebhookSignatureProblem({
          secret: 'someone-elses-secret-value',
          body: request.body,
          signature: request.headers['x-switchyard-signature'] as string,
          timestamp: request.headers['x-switchyard-timestamp'] as string,
        }),
      ).toBe('signature does not match');
      expect(
        findWebhookSignatureProblem({
          secret,
          body: request.body,
          signature: request.headers['x-switchyard-signature'] as string,
          timestamp: request.headers['x-switchyard-timestamp'] as string,
          now: Math.floor(Date.now() / 1000) + 3600,
        }),
      ).toBe('timestamp outside the tolerance');
      expect(request.headers['content-type']).toBe('application/json');
      expect(request.headers['x-switchyard-event']).toBe('PUBLISH');

      const payload = JSON.parse(request.body) as WebhookPayload;
      const variant = await findVariant(db, graph, 'prod');
      const latest = await findLatestSupergraphVersion(db, variant?.variantId ?? '');
      expect(payload).toMatchObject({
        event: 'PUBLISH',
        graph,
        variant: 'prod',
        version: 2,
        changes: [expect.objectContaining({ type: 'FIELD_ADDED', criticality: 'SAFE', coordinate: 'Product.price' })],
        changesOmitted: 0,
        changelog: latest?.changelog,
      });
      expect(payload.summary).toBe(`${graph}@prod published version 2: 1 change, all safe.`);
      expect(request.headers['x-switchyard-delivery']).toBe(payload.deliveryId);

      const [delivery] = await deliveries(webhook.id);
      expect(delivery).toMatchObject({
        delivery: { event: 'PUBLISH', status: 'DELIVERED', attempts: 1, lastStatusCode: 200 },
        version: 2,
        attempts: [expect.objectContaining({ attempt: 1, statusCode: 200, error: null })],
      });
      // Nothing is sent twice.
      expect(await deliverDueWebhooks(context())).toMatchObject({ attempted: 0 });
    });

    it('tells DEPRECATION subscribers only about what a version deprecates', async () => {
      await publish('products', productsSdl('sku: String'));
      const publishes = await hook({ events: ['PUBLISH'] });
      const deprecations = await hook({ events: ['DEPRECATION'] });
      await publish('products', productsSdl('sku: String @deprecated(reason: "Use id.")\nprice: Int'));
      await deliverDueWebhooks(context());
      await receiver.request(2);
      const byEvent = Object.fromEntries(
        receiver.received.map((request) => [request.headers['x-switchyard-event'], JSON.parse(request.body)]),
      );
      expect(byEvent.DEPRECATION.changes).toEqual([
        expect.objectContaining({ type: 'FIELD_DEPRECATION_ADDED', coordinate: 'Product.sku' }),
      ]);
      expect(byEvent.DEPRECATION.summary).toContain('deprecates 1 schema element(s)');
      expect(byEvent.PUBLISH.changes).toHaveLength(2);
      expect((await deliveries(publishes.id)).map((entry) => entry.delivery.event)).toEqual(['PUBLISH']);
      expect((await deliveries(deprecations.id)).map((entry) => entry.delivery.event)).toEqual(['DEPRECATION']);
    });

    it('delivers a check with its result and its blocking changes', async () => {
      await publish('products', productsSdl('price: Int'));
      await publish('reviews', reviewsSdl());
      await hook({ events: ['CHECK'] });
      const check = await checkSubgraph(
        { db, maxSdlBytes: 64 * 1024 },
        { graph, variant: 'prod', subgraph: 'products', sdl: productsSdl() },
      );
      expect(check.ok).toBe(false);
      await deliverDueWebhooks(context());
      const payload = JSON.parse((await receiver.request(1)).body) as WebhookPayload;
      expect(payload).toMatchObject({
        event: 'CHECK',
        version: 2,
        summary: check.message,
        check: { id: check.id, subgraph: 'products', ok: false },
        changes: [expect.objectContaining({ type: 'FIELD_REMOVED', coordinate: 'Product.price', blocking: true })],
      });
      expect(payload.changelog).toMatch(/^# Check of subgraph "products" against hooks\d+@prod: failed/);
      expect(payload.changelog).toContain('Breaking changes (1)');
    });

    it('delivers a check with the operations it found costlier', async () => {
      const annotated = (reviewsDirectives: string) => /* GraphQL */ `
        extend schema @link(url: "https://specs.apollo.dev/federation/v2.9", import: ["@key", "@listSize"])
        type Query { products(first: Int): [Product!]! @listSize(slicingArguments: ["first"], requireOneSlicingArgument: false) }
        type Product @key(fields: "id") { id: ID! reviews: [Review!]! ${reviewsDirectives} }
        type Review { id: ID! }
      `;
      await publish('products', annotated(''));
      const documents = await publishDocuments(db, {
        graph,
        variant: 'prod',
        client: 'ios',
        clientVersion: '4.2',
        manifest: JSON.stringify({ top: 'query Top { products(first: 10) { id reviews { id } } }' }),
      });
      expect(documents.ok).toBe(true);
      await hook({ events: ['CHECK'] });
      await checkSubgraph(
        { db, maxSdlBytes: 64 * 1024 },
        {
          graph,
          variant: 'prod',
          subgraph: 'products',
          sdl: annotated('@listSize(assumedSize: 20)'),
          allowNoUsage: true,
        },
      );
      await deliverDueWebhooks(context());
      const payload = JSON.parse((await receiver.request(1)).body) as WebhookPayload;
      expect(payload.summary).toContain('1 operation costlier');
      expect(payload.check?.costChanges).toEqual([
        expect.objectContaining({
          criticality: 'DANGEROUS',
          operation: 'Top',
          clients: ['ios 4.2'],
          before: 60,
          after: 210,
        }),
      ]);
    });

    it('retries a failing receiver with exponential backoff and lists every attempt', async () => {
      await publish('products', productsSdl());
      const webhook = await hook();
      receiver.respondWith(500, 503);
      await publish('products', productsSdl('price: Int'));

      expect(await deliverDueWebhooks(context())).toMatchObject({ attempted: 1, retrying: 1 });
      const [first] = await deliveries(webhook.id);
      const failedAt = first?.attempts[0]?.startedAt.getTime() ?? 0;
      expect(first?.delivery.status).toBe('PENDING');
      expect(first?.delivery.lastError).toBe('answered 500');
      // 30 s later it is due again, not before.
      expect((first?.delivery.nextAttemptAt.getTime() ?? 0) - failedAt).toBeGreaterThanOrEqual(30_000);
      expect((first?.delivery.nextAttemptAt.getTime() ?? 0) - failedAt).toBeLessThan(31_000);
      offsetMs = 29_000;
      expect(await deliverDueWebhooks(context())).toMatchObject({ attempted: 0 });
      offsetMs = 31_000;
      expect(await deliverDueWebhooks(context())).toMatchObject({ attempted: 1, retrying: 1 });
      const [second] = await deliveries(webhook.id);
      // The second retry waits twice as long.
      const secondGap =
        (second?.delivery.nextAttemptAt.getTime() ?? 0) - (second?.attempts[1]?.startedAt.getTime() ?? 0);
      expect(secondGap).toBeGreaterThanOrEqual(60_000);
      expect(secondGap).toBeLessThan(61_000);
      offsetMs = 31_000 + 61_000;
      expect(await deliverDueWebhooks(context())).toMatchObject({ attempted: 1, delivered: 1 });

      const [done] = await deliveries(webhook.id);
      expect(done?.delivery.status).toBe('DELIVERED');
      expect(done?.attempts.map((attempt) => [attempt.attempt, attempt.statusCode])).toEqual([
        [1, 500],
        [2, 503],
        [3, 200],
      ]);
      // Every retry sent the same signed bytes (a new timestamp each time).
      expect(new Set(receiver.received.map((request) => request.body)).size).toBe(1);
      expect(new Set(receiver.received.map((request) => request.headers['x-switchyard-delivery'])).size).toBe(1);
    });

    it('gives a delivery up once its retries would pass the horizon', async () => {
      await publish('products', productsSdl());
      const webhook = await hook();
      receiver.respondWith(...Array.from({ length: 100 }, () => 500));
      await publish('products', productsSdl('price: Int'));
      await deliverDueWebhooks(context());
      offsetMs = settings.retry.horizonMs - 1000;
      expect(await deliverDueWebhooks(context())).toMatchObject({ attempted: 1, failed: 1 });
      const [delivery] = await deliveries(webhook.id);
      expect(delivery?.delivery).toMatchObject({ status: 'FAILED', attempts: 2 });
      offsetMs = settings.retry.horizonMs * 2;
      expect(await deliverDueWebhooks(context())).toMatchObject({ attempted: 0 });
    });

    it('publishes while the receiver is down, and delivers once it is back', async () => {
      await publish('products', productsSdl());
      const down = await startWebhookReceiver();
      const url = down.url;
      await down.close();
      const webhook = await hook({ url });
      const result = await publish('products', productsSdl('price: Int'));
      expect(result.status).toBe('PUBLISHED');
      expect(result.supergraphVersion?.version).toBe(2);

      expect(await deliverDueWebhooks(context())).toMatchObject({ attempted: 1, retrying: 1 });
      const [delivery] = await deliveries(webhook.id);
      expect(delivery?.delivery.lastError).toMatch(/ECONNREFUSED/);
      expect(delivery?.attempts[0]).toMatchObject({ statusCode: null });
    });

    it('sends a Slack-compatible body when the webhook asks for it', async () => {
      await publish('products', productsSdl());
      await hook({ format: 'SLACK' });
      await publish('products', productsSdl('price: Int'));
      await deliverDueWebhooks(context());
      const body = JSON.parse((await receiver.request(1)).body);
      expect(Object.keys(body)).toEqual(['text']);
      expect(body.text).toContain(`${graph}@prod published version 2`);
      expect(body.text).toContain('*Supergraph version 2*');
    });

    it('lists webhooks without their secrets, tests and deletes them', async () => {
      await publish('products', productsSdl());
      const webhook = await hook();
      const everyVariant = await createWebhook(context(), { graph, url: receiver.url, secret, events: ['publish'] });
      expect(everyVariant).toMatchObject({ variant: null, events: ['PUBLISH'], format: 'JSON' });
      const listed = await listGraphWebhooks(context(), { graph });
      expect(listed.map((entry) => entry.id)).toEqual([webhook.id, everyVariant.id]);
      expect(JSON.stringify(listed)).not.toContain(secret);

      const tested = await testWebhook(context(), { graph, id: webhook.id });
      expect(tested).toMatchObject({ ok: true, statusCode: 200, status: 'DELIVERED' });
      expect(JSON.parse((await receiver.request(1)).body)).toMatchObject({ event: 'TEST', version: 1 });
      receiver.respondWith(404);
      const failed = await testWebhook(context(), { graph, id: webhook.id });
      // A failed test is kept and not retried.
      expect(failed).toMatchObject({ ok: false, statusCode: 404, status: 'FAILED' });
      expect(await deliverDueWebhooks(context())).toMatchObject({ attempted: 0 });

      await deleteWebhook(context(), { graph, id: webhook.id });
      await expect(deliveries(webhook.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
      expect((await listGraphWebhooks(context(), { graph })).map((entry) => entry.id)).toEqual([everyVariant.id]);
      // Deleting the graph takes its webhooks along.
      await deleteGraph(db, { graph });
      await expect(listGraphWebhooks(context(), { graph })).rejects.toMatchObject({ code: 'GRAPH_NOT_FOUND' });
    });

    it('refuses bad webhooks with a code, before storing anything', async () => {
      await publish('products', productsSdl());
      const refusals: [Partial<Parameters<typeof createWebhook>[1]>, string, RegExp][] = [
        [{ url: 'http://169.254.169.254/latest/meta-data' }, 'INVALID_WEBHOOK_URL', /link-local/],
        [{ url: 'http://metadata.google.internal/' }, 'INVALID_WEBHOOK_URL', /metadata/],
        [{ url: 'http://[::ffff:a9fe:a9fe]/' }, 'INVALID_WEBHOOK_URL', /link-local/],
        [{ url: 'ftp://example.com/hook' }, 'INVALID_WEBHOOK_URL', /not an http\(s\) URL/],
        [{ url: 'https://user:pass@example.com/hook' }, 'INVALID_WEBHOOK_URL', /credentials/],
        [{ url: 'https://example.com/\r\nx-evil: 1' }, 'INVALID_WEBHOOK_URL', /control characters/],
        [{ url: `https://example.com/${'a'.repeat(3000)}` }, 'INVALID_WEBHOOK_URL', /ROUTING_URL_MAX_LENGTH/],
        [{ url: 'not a url' }, 'INVALID_WEBHOOK_URL', /not an absolute URL/],
        [{ secret: 'short' }, 'BAD_USER_INPUT', /16 to 256 characters/],
        [{ secret: 'x'.repeat(10_000) }, 'BAD_USER_INPUT', /16 to 256 characters/],
        [{ secret: `${'x'.repeat(20)}\u0000` }, 'BAD_USER_INPUT', /control characters/],
        [{ events: ['PUBLISH', 'EVERYTHING'] }, 'BAD_USER_INPUT', /Unknown webhook event "EVERYTHING"/],
        [{ events: [] }, 'BAD_USER_INPUT', /No events given/],
        [{ format: 'XML' }, 'BAD_USER_INPUT', /JSON or SLACK/],
        [{ variant: 'nope' }, 'VARIANT_NOT_FOUND', /nope/],
        [{ graph: 'no-such-graph' }, 'GRAPH_NOT_FOUND', /no-such-graph/],
        [{ graph: '../etc' }, 'INVALID_NAME', /graph/],
      ];
      for (const [input, code, message] of refusals) {
        await expect(hook(input), JSON.stringify(input).slice(0, 80)).rejects.toMatchObject({
          code,
          message: expect.stringMatching(message),
        });
      }
      expect(await listGraphWebhooks(context(), { graph })).toEqual([]);
      await expect(deleteWebhook(context(), { graph, id: "1' or '1'='1" })).rejects.toMatchObject({
        code: 'BAD_USER_INPUT',
      });
      await expect(
        deleteWebhook(context(), { graph, id: '00000000-0000-4000-8000-000000000000' }),
      ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    });

    it(`refuses a graph's webhook past WEBHOOK_MAX_PER_GRAPH (default ${defaultWebhookSettings.maxPerGraph})`, async () => {
      await publish('products', productsSdl());
      const limited = { ...context(), settings: { ...settings, maxPerGraph: 2 } };
      await createWebhook(limited, { graph, url: receiver.url, secret });
      await createWebhook(limited, { graph, url: receiver.url, secret });
      await expect(createWebhook(limited, { graph, url: receiver.url, secret })).rejects.toMatchObject({
        code: 'WEBHOOK_LIMIT_REACHED',
      });
    });

    it(`lists at most WEBHOOK_MAX_CHANGES changes (default ${defaultWebhookSettings.maxChanges}), breaking first`, async () => {
      await publish('products', productsSdl('a: Int\nb: Int\nc: Int'));
      await hook();
      await publish('products', productsSdl('d: Int\ne: Int'));
      await deliverDueWebhooks({ ...context(), settings: { ...settings, maxChanges: 2 } });
      const payload = JSON.parse((await receiver.request(1)).body) as WebhookPayload;
      expect(payload.changes.map((change) => change.criticality)).toEqual(['BREAKING', 'BREAKING']);
      expect(payload.changesOmitted).toBe(3);
      expect(payload.changelog).toContain('3 more change(s) left out of this notification');
    });
  });
});

// Two registry replicas poll one database at once: each due delivery goes to one of them.
describe.each(backends.filter((backend) => backend.name === 'postgres'))('webhook replicas on $name', (backend) => {
  it.skipIf(backend.skipReason !== undefined)(
    `send each delivery once when two deliverers poll together (${backendTitle(backend)})`,
    async () => {
      const fresh = await createFreshDatabase(backend.url ?? '');
      const first = await openDatabase({ url: fresh.url });
      const second = await openDatabase({ url: fresh.url });
      const receiver = await startWebhookReceiver();
      try {
        const publish = (sdl: string) =>
          publishSubgraph(
            { db: first.db, maxSdlBytes: 64 * 1024 },
            { graph: 'shop', variant: 'prod', subgraph: 'products', url: 'http://p.test/graphql', sdl, create: true },
          );
        await publish(productsSdl());
        const replica = (db: RegistryDatabase): DeliveryContext => ({ db, settings: { ...settings, batchSize: 2 } });
        for (let hookIndex = 0; hookIndex < 3; hookIndex++) {
          await createWebhook(replica(first.db), { graph: 'shop', url: receiver.url, secret, events: ['PUBLISH'] });
        }
        for (let version = 0; version < 4; version++) await publish(productsSdl(`f${version}: Int`));
        // 12 deliveries, claimed two at a time by each replica until none is left.
        let sent = 0;
        for (;;) {
          const [a, b] = await Promise.all([
            deliverDueWebhooks(replica(first.db)),
            deliverDueWebhooks(replica(second.db)),
          ]);
          if (a.attempted + b.attempted === 0) break;
          sent += a.attempted + b.attempted;
        }
        expect(sent).toBe(12);
        await receiver.request(12);
        const ids = receiver.received.map((request) => request.headers['x-switchyard-delivery']);
        expect(new Set(ids).size).toBe(12);
        expect(ids).toHaveLength(12);
      } finally {
        await receiver.close();
        await first.close();
        await second.close();
        await fresh.drop();
      }
    },
  );
});
