import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Registry } from '../../createRegistry';
import { productsSdl } from '../../db/testing/fixtures';
import { publishSubgraph } from '../../publishing/publishSubgraph';
import type { GraphQLBody } from '../../testing/startTestRegistry';
import { findWebhookSignatureProblem } from '../../webhooks/signWebhook';
import { startWebhookReceiver, type WebhookReceiver } from '../../webhooks/testing/webhookReceiver';
import { type CliRegistry, startCliRegistry } from '../testing/startCliRegistry';

const adminToken = 'admin-token-for-the-webhook-cli-tests';
const secret = 'the-receivers-shared-secret-0123456789';

let registry: Registry;
let cli: CliRegistry;
let receiver: WebhookReceiver;

/** Runs the CLI in-process against the test registry. */
const run = (argv: string[], env: Record<string, string> = {}) => cli.run(argv, env);

async function graphql(query: string, variables: Record<string, unknown>, token = adminToken) {
  const response = await fetch(`${registry.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, body: (await response.json()) as GraphQLBody };
}

const publish = (sdl: string) =>
  publishSubgraph(
    { db: registry.db, maxSdlBytes: 64 * 1024 },
    { graph: 'shop', variant: 'prod', subgraph: 'products', url: 'http://products.test/graphql', sdl, create: true },
  );

beforeAll(async () => {
  receiver = await startWebhookReceiver();
  cli = await startCliRegistry({
    adminToken,
    settings: {
      // The deliverer polls often here, so the test waits on the receiver instead of a clock.
      WEBHOOK_POLL_INTERVAL_MS: '20',
      MAX_BODY_BYTES: String(256 * 1024),
    },
  });
  registry = cli.registry;
  await publish(productsSdl());
});

afterAll(async () => {
  await cli?.close();
  await receiver?.close();
});

describe('switchyard webhook', () => {
  let id = '';

  it('creates a webhook and lists it without its secret', async () => {
    const created = await run([
      'webhook',
      'create',
      '--variant',
      'prod',
      '--url',
      receiver.url,
      '--secret',
      secret,
      '--events',
      'publish,deprecation',
    ]);
    expect(created.stderr).toBe('');
    expect(created.code).toBe(0);
    expect(created.stdout).toMatch(
      /^Created webhook [0-9a-f-]{36} → http:\/\/127\.0\.0\.1:\d+\/hooks\/switchyard \(shop@prod, publish, deprecation, json\)\.$/,
    );
    id = created.stdout.split(' ')[2] ?? '';

    const listed = await run(['webhook', 'list', '--format', 'json']);
    expect(JSON.parse(listed.stdout)).toEqual([
      expect.objectContaining({ id, variant: 'prod', url: receiver.url, events: ['PUBLISH', 'DEPRECATION'] }),
    ]);
    expect(listed.stdout).not.toContain(secret);
    expect((await run(['webhook', 'list'])).stdout).toContain('publish,deprecation');
  });

  it('delivers a publish in the background, signed with the secret', async () => {
    const result = await publish(productsSdl('price: Int'));
    expect(result.status).toBe('PUBLISHED');
    const request = await receiver.request(1);
    expect(
      findWebhookSignatureProblem({
        secret,
        body: request.body,
        signature: String(request.headers['x-switchyard-signature']),
        timestamp: String(request.headers['x-switchyard-timestamp']),
      }),
    ).toBeUndefined();
    expect(JSON.parse(request.body)).toMatchObject({ event: 'PUBLISH', graph: 'shop', variant: 'prod', version: 2 });

    const deliveries = await run(['webhook', 'deliveries', '--id', id]);
    expect(deliveries.code).toBe(0);
    expect(deliveries.stdout).toMatch(/publish\s+│?\s*2\s+│?\s*delivered/);
    const json = JSON.parse((await run(['webhook', 'deliveries', '--id', id, '--format', 'json'])).stdout);
    expect(json[0]).toMatchObject({
      event: 'PUBLISH',
      status: 'DELIVERED',
      version: 2,
      attemptLog: [expect.objectContaining({ attempt: 1, statusCode: 200 })],
    });
  });

  it('tests a webhook: exit 0 on a 2xx answer, 1 otherwise', async () => {
    const passed = await run(['webhook', 'test', '--id', id]);
    expect(passed.code).toBe(0);
    expect(passed.stdout).toMatch(/^Delivered a test to webhook .+: 200 in \d+ ms\.$/);
    receiver.respondWith(500);
    const failed = await run(['webhook', 'test', '--id', id]);
    expect(failed.code).toBe(1);
    expect(failed.stdout).toContain('failed: answered 500');
  });

  it('refuses bad input with a code and exit 2', async () => {
    const badEvent = await run(['webhook', 'create', '--url', receiver.url, '--secret', secret, '--events', 'push']);
    expect(badEvent.code).toBe(2);
    expect(badEvent.stderr).toContain(
      '--events takes a comma-separated list of publish, check, deprecation, not "push"',
    );
    const metadata = await run(['webhook', 'create', '--url', 'http://169.254.169.254/', '--secret', secret]);
    expect(metadata.code).toBe(2);
    expect(metadata.stderr).toContain('(INVALID_WEBHOOK_URL)');
    const unknown = await run(['webhook', 'delete', '--id', 'not-an-id']);
    expect(unknown.stderr).toContain('(BAD_USER_INPUT)');
  });

  it('answers huge and malformed API input with 4xx and a code', async () => {
    const create = 'mutation ($input: CreateWebhookInput!) { createWebhook(input: $input) { id } }';
    const huge = await graphql(create, { input: { graph: 'shop', url: receiver.url, secret: 'x'.repeat(300 * 1024) } });
    expect(huge.status).toBe(413);
    const longSecret = await graphql(create, {
      input: { graph: 'shop', url: receiver.url, secret: 'x'.repeat(100_000) },
    });
    expect(longSecret.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const badEnum = await graphql(create, {
      input: { graph: 'shop', url: receiver.url, secret, events: ['EVERYTHING'] },
    });
    expect(badEnum.status).toBe(400);
    expect(badEnum.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const nul = await graphql(create, { input: { graph: 'shop', url: 'http://a\u0000b/', secret } });
    expect(nul.status).toBe(400);
    expect(nul.body.errors?.[0]?.extensions?.code).toMatch(/INVALID_WEBHOOK_URL|MALFORMED_INPUT/);
  });

  it('is only for tokens that may change the graph', async () => {
    const token = await graphql(
      'mutation { createToken(input: { name: "reader", scope: READ, graph: "shop" }) { token } }',
      {},
    );
    const reader = token.body.data?.createToken.token as string;
    const listed = await run(['webhook', 'list'], { SWITCHYARD_TOKEN: reader });
    expect(listed.code).toBe(2);
    expect(listed.stderr).toContain('(FORBIDDEN)');
  });

  it('deletes a webhook, after which nothing is sent to it', async () => {
    const deleted = await run(['webhook', 'delete', '--id', id]);
    expect(deleted.code).toBe(0);
    expect(deleted.stdout).toMatch(/^Deleted webhook /);
    expect((await run(['webhook', 'list'])).stdout).toBe('No webhooks.');
  });
});
