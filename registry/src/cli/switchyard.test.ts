import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config';
import { createRegistry, type Registry } from '../createRegistry';
import { switchyardFromSource } from '../testing/sourceEntry';

const adminToken = 'admin-token-for-the-cli-tests';
const link = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key", "@shareable"])';
const accounts = /* GraphQL */ `${link}
type Query { me: User }
type User @key(fields: "id") {
  id: ID!
  name: String
  email: String
}
`;
const orders = /* GraphQL */ `${link}
type Query { orders: [Order!]! }
type Order { id: ID! buyer: User! }
type User @key(fields: "id") { id: ID! orders: [Order!]! }
`;

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `switchyard …` (`node bin/switchyard.js …` once built) as CI would, asynchronously so the in-process registry keeps serving. */
function switchyard(args: string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolveRun) => {
    execFile(
      process.execPath,
      [...switchyardFromSource, ...args],
      { cwd: directory, env: { PATH: process.env.PATH ?? '', ...env }, timeout: 30_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
        resolveRun({ code, stdout, stderr });
      },
    );
  });
}

/** The URL of a port that was just free and is now closed. */
async function closedPortUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
  const address = server.address();
  await new Promise((closed) => server.close(closed));
  if (address === null || typeof address === 'string') throw new Error('expected a TCP address');
  return `http://127.0.0.1:${address.port}`;
}

let directory: string;
let registry: Registry;
let env: Record<string, string>;

beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), 'switchyard-cli-'));
  await writeFile(join(directory, 'accounts.graphql'), accounts);
  await writeFile(join(directory, 'orders.graphql'), orders);
  await writeFile(join(directory, 'accounts-breaking.graphql'), accounts.replace('  email: String\n', ''));
  await writeFile(
    join(directory, 'accounts-safe.graphql'),
    accounts.replace('email: String', 'email: String\n  age: Int'),
  );
  await writeFile(join(directory, 'accounts-invalid.graphql'), 'type Query {\n  me: User\n');
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
      // This registry has no usage data: make every breaking change block checks, as they would with traffic.
      CHECK_USAGE_MIN_REQUESTS: '0',
    }),
  );
  await registry.listen(0);
  env = { SWITCHYARD_REGISTRY: registry.url, SWITCHYARD_GRAPH: 'shop', SWITCHYARD_TOKEN: adminToken };
});

afterAll(async () => {
  await registry?.close();
  await rm(directory, { recursive: true, force: true });
});

describe('switchyard CLI against a registry', () => {
  it('refuses check and publish to an unknown graph with exit 2, naming it, and creates nothing', async () => {
    const publishArgs = ['subgraph', 'publish', '--name', 'accounts', '--schema', 'accounts.graphql'];
    const check = await switchyard(['subgraph', 'check', '--name', 'accounts', '--schema', 'accounts.graphql'], env);
    expect(check.code).toBe(2);
    expect(check.stderr).toContain('Graph "shop" does not exist');
    expect(check.stderr).toContain('(GRAPH_NOT_FOUND)');
    const publish = await switchyard([...publishArgs, '--url', 'http://accounts/graphql'], env);
    expect(publish.code).toBe(2);
    expect(publish.stderr).toContain('(GRAPH_NOT_FOUND)');
    const list = await switchyard(['graph', 'list', '--format', 'json'], env);
    expect(JSON.parse(list.stdout)).toEqual([]);

    const created = await switchyard(['graph', 'create'], env);
    expect(created).toMatchObject({ code: 0, stderr: '' });
    const staging = await switchyard(
      ['subgraph', 'check', '--name', 'accounts', '--schema', 'accounts.graphql', '--variant', 'staging'],
      env,
    );
    expect(staging.code).toBe(2);
    expect(staging.stderr).toContain('Graph "shop" has no variant "staging"');
    expect(staging.stderr).toContain('(VARIANT_NOT_FOUND)');
    expect(JSON.parse((await switchyard(['graph', 'list', '--format', 'json'], env)).stdout)).toEqual([
      { name: 'shop', variants: ['prod'] },
    ]);
  });

  it('publish --create makes a missing graph with an ADMIN token, and graph delete removes it again', async () => {
    const args = ['subgraph', 'publish', '--name', 'accounts', '--schema', 'accounts.graphql'];
    const published = await switchyard(
      [...args, '--url', 'http://accounts/graphql', '--graph', 'scratch', '--create'],
      env,
    );
    expect(published.code).toBe(0);
    expect(published.stdout).toContain('Created graph "scratch"');
    const deleted = await switchyard(['graph', 'delete', '--graph', 'scratch'], env);
    expect(deleted).toMatchObject({ code: 0, stderr: '' });
    expect(deleted.stdout).toContain('Deleted graph "scratch" (variants: prod)');
    const again = await switchyard(['graph', 'delete', '--graph', 'scratch'], env);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('(GRAPH_NOT_FOUND)');
  });

  it('publishes subgraphs, then reports an identical publish as unchanged', async () => {
    const first = await switchyard(
      [
        'subgraph',
        'publish',
        '--name',
        'accounts',
        '--schema',
        'accounts.graphql',
        '--url',
        'http://accounts/graphql',
        '--commit',
        'abc123',
      ],
      env,
    );
    expect(first).toMatchObject({ code: 0, stderr: '' });
    expect(first.stdout).toContain('✔ Publish of accounts to shop@prod → supergraph version 1: PUBLISHED');

    const second = await switchyard(
      [
        'subgraph',
        'publish',
        '--name',
        'orders',
        '--schema',
        'orders.graphql',
        '--url',
        'http://orders/graphql',
        '--author',
        'ada',
        '--commit',
        'f00dfeed',
        '--format',
        'json',
      ],
      env,
    );
    expect(second.code).toBe(0);
    expect(JSON.parse(second.stdout)).toMatchObject({ status: 'PUBLISHED', supergraphVersion: { version: 2 } });

    const again = await switchyard(
      [
        'subgraph',
        'publish',
        '--name',
        'orders',
        '--schema',
        'orders.graphql',
        '--url',
        'http://orders/graphql',
        '--format',
        'json',
      ],
      env,
    );
    expect(JSON.parse(again.stdout)).toMatchObject({ status: 'UNCHANGED', supergraphVersion: { version: 2 } });
  });

  it('fails a check with a breaking change (exit 1) and renders a Markdown table for the PR', async () => {
    const run = await switchyard(
      ['subgraph', 'check', '--name', 'accounts', '--schema', 'accounts-breaking.graphql', '--format', 'markdown'],
      env,
    );
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('### ❌ Schema check of accounts on shop@prod: FAILED');
    expect(run.stdout).toContain('| Change | Coordinate | Details |');
    expect(run.stdout).toContain('| 🔴 Breaking | `User.email` | Field `User.email` was removed;');
  });

  it('passes a check with a safe change (exit 0) with a JSON result for scripts', async () => {
    const run = await switchyard(
      ['subgraph', 'check', '--name', 'accounts', '--schema', 'accounts-safe.graphql', '--format', 'json'],
      env,
    );
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({
      ok: true,
      changes: [expect.objectContaining({ type: 'FIELD_ADDED', criticality: 'SAFE', coordinate: 'User.age' })],
    });
  });

  it('fails a check of SDL that does not parse, pointing at the line', async () => {
    const run = await switchyard(
      ['subgraph', 'check', '--name', 'accounts', '--schema', 'accounts-invalid.graphql'],
      env,
    );
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/✖ Schema check of accounts on shop@prod: FAILED/);
    expect(run.stdout).toMatch(/accounts:3:1 INVALID_GRAPHQL: Syntax Error/);
  });

  it('lists subgraphs, shows history and diffs versions', async () => {
    const list = await switchyard(['subgraph', 'list'], env);
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(/^Subgraph\s+URL\s+Published/);
    expect(list.stdout).toMatch(/accounts\s+http:\/\/accounts\/graphql/);

    const history = await switchyard(['supergraph', 'history', '--format', 'json'], env);
    const versions = JSON.parse(history.stdout);
    expect(versions.map((version: { version: number }) => version.version)).toEqual([2, 1]);
    // Each version names the publish behind it: its subgraph, author and commit.
    expect(versions[0].published).toEqual([{ subgraph: 'orders', author: 'ada', commit: 'f00dfeed' }]);
    expect(versions[1].published).toEqual([{ subgraph: 'accounts', author: null, commit: 'abc123' }]);
    const table = await switchyard(['supergraph', 'history'], env);
    expect(table.stdout).toMatch(/^2 .*orders by ada \(f00dfeed\)/m);

    const diff = await switchyard(['supergraph', 'diff', '--from', '1', '--to', '2'], env);
    expect(diff.code).toBe(0);
    expect(diff.stdout).toContain('Changes from version 1 to 2');
    expect(diff.stdout).toContain('Field `Query.orders` was added');
  });

  it('fetches a supergraph to a file and rolls back to an earlier version', async () => {
    const fetched = await switchyard(
      ['supergraph', 'fetch', '--version', '1', '--output', 'out/supergraph.graphql'],
      env,
    );
    expect(fetched.code).toBe(0);
    expect(fetched.stderr).toContain('Wrote supergraph version 1 of shop@prod to out/supergraph.graphql.');
    const written = await readFile(join(directory, 'out/supergraph.graphql'), 'utf8');
    expect(written).toContain('@join__graph(name: "accounts"');
    expect(written).not.toContain('@join__graph(name: "orders"');

    const rollback = await switchyard(['supergraph', 'rollback', '--to', '1'], env);
    expect(rollback.code).toBe(0);
    expect(rollback.stdout).toContain('back to the content of version 1, now served as version 3');
  });

  it('creates a read token that cannot publish (exit 2 with the registry code)', async () => {
    const created = await switchyard(['token', 'create', '--name', 'ci-read', '--scope', 'read'], env);
    expect(created.code).toBe(0);
    const readToken = created.stdout.trim();
    expect(readToken.length).toBeGreaterThan(16);

    const refused = await switchyard(
      ['subgraph', 'publish', '--name', 'accounts', '--schema', 'accounts.graphql', '--url', 'http://a'],
      { ...env, SWITCHYARD_TOKEN: readToken },
    );
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/^error: The registry refused the request: .*\(FORBIDDEN\)\n$/);

    const tokens = await switchyard(['token', 'list', '--format', 'json'], env);
    expect(JSON.parse(tokens.stdout)).toEqual(
      expect.arrayContaining([expect.objectContaining({ name: 'ci-read', scope: 'READ', graph: 'shop' })]),
    );
  });

  it('exits 2 with one clear line for a wrong token, an unreachable registry and missing flags', async () => {
    const wrongToken = await switchyard(['subgraph', 'list', '--token', 'not-a-token'], env);
    expect(wrongToken.code).toBe(2);
    expect(wrongToken.stderr).toMatch(/\(UNAUTHENTICATED\)/);
    expect(wrongToken.stderr).not.toMatch(/\n\s+at /);

    const closedUrl = await closedPortUrl();
    const unreachable = await switchyard(['subgraph', 'list', '--registry', closedUrl], env);
    expect(unreachable.code).toBe(2);
    expect(unreachable.stderr).toContain(`error: Could not reach the registry at ${closedUrl}`);

    const noGraph = await switchyard(['subgraph', 'check', '--name', 'accounts', '--schema', 'accounts.graphql'], {
      ...env,
      SWITCHYARD_GRAPH: '',
    });
    expect(noGraph.code).toBe(2);
    expect(noGraph.stderr).toContain('error: Missing --graph <name> (or SWITCHYARD_GRAPH).');
  });
  it('lists the audit log of a graph, newest first, as a table and as JSON', async () => {
    const json = await switchyard(['audit', '--since', '1h', '--format', 'json'], env);
    expect(json.code).toBe(0);
    const entries = JSON.parse(json.stdout) as {
      action: string;
      outcome: string;
      code: string | null;
      subgraph: string | null;
    }[];
    // The oldest entry is the publish refused before the graph existed; then the graph's creation.
    expect(entries.slice(-2)).toEqual([
      expect.objectContaining({ action: 'GRAPH_CREATE', outcome: 'SUCCESS' }),
      expect.objectContaining({ action: 'PUBLISH', outcome: 'REFUSED', code: 'GRAPH_NOT_FOUND' }),
    ]);
    expect(entries).toContainEqual(
      expect.objectContaining({ action: 'PUBLISH', outcome: 'SUCCESS', subgraph: 'accounts' }),
    );
    expect(entries).toContainEqual(expect.objectContaining({ action: 'ROLLBACK', outcome: 'SUCCESS' }));
    const table = await switchyard(['audit'], env);
    expect(table.stdout).toMatch(/^Time\s+Token\s+Action\s+Outcome\s+Graph\s+Message/);
    expect(table.stdout).toContain('admin (SWITCHYARD_ADMIN_TOKEN)');
    const bad = await switchyard(['audit', '--since', 'yesterday'], env);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('(BAD_USER_INPUT)');
  });
});
