import { mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { composeServices } from '@apollo/composition';
import { ApolloServer, HeaderMap } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { parse } from 'graphql';
import { type GatewayConfig, loadConfig } from '../src/config';
import { createLogger } from '../src/logger';
import { createGateway, type Gateway, type GatewayDependencies } from '../src/server';

/** One request a test subgraph received, as sent by the gateway. */
export interface ReceivedRequest {
  headers: Record<string, string>;
  query: string;
  variables: Record<string, unknown>;
}

export interface SubgraphDefinition {
  name: string;
  typeDefs: string;
  resolvers: GraphQLResolverMap<unknown>;
}

/** An in-process Federation 2 subgraph on a free port that records what it receives. */
export interface TestSubgraph {
  name: string;
  typeDefs: string;
  url: string;
  port: number;
  received: ReceivedRequest[];
  /** Delay before every answer, in milliseconds. */
  delayMs: number;
  /** Stops listening (the gateway then sees connection refused). */
  stop(): Promise<void>;
}

function readAll(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Starts a subgraph from SDL and resolvers with `buildSubgraphSchema`, on port 0 unless given. */
export async function startSubgraph(definition: SubgraphDefinition, port = 0): Promise<TestSubgraph> {
  const apollo = new ApolloServer({
    schema: buildSubgraphSchema({ typeDefs: parse(definition.typeDefs), resolvers: definition.resolvers }),
    csrfPrevention: false,
    plugins: [ApolloServerPluginInlineTraceDisabled()],
  });
  await apollo.start();
  const received: ReceivedRequest[] = [];
  const sockets = new Set<import('node:net').Socket>();
  const subgraph: TestSubgraph = {
    name: definition.name,
    typeDefs: definition.typeDefs,
    url: '',
    port: 0,
    received,
    delayMs: 0,
    async stop() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      });
      await apollo.stop();
    },
  };
  const server: Server = createServer(async (request, response) => {
    const text = await readAll(request);
    const body = JSON.parse(text) as { query: string; variables?: Record<string, unknown> };
    const headers: Record<string, string> = {};
    const map = new HeaderMap();
    for (const [name, value] of Object.entries(request.headers)) {
      if (typeof value !== 'string') continue;
      headers[name] = value;
      map.set(name, value);
    }
    received.push({ headers, query: body.query, variables: body.variables ?? {} });
    if (subgraph.delayMs > 0) await sleep(subgraph.delayMs);
    const result = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: 'POST', headers: map, search: '', body },
      context: async () => ({}),
    });
    const out = result.body.kind === 'complete' ? result.body.string : '';
    response.writeHead(result.status ?? 200, Object.fromEntries(result.headers));
    response.end(out);
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  subgraph.port = (server.address() as AddressInfo).port;
  subgraph.url = `http://127.0.0.1:${subgraph.port}/graphql`;
  return subgraph;
}

/** Composes subgraphs into a supergraph SDL with `composeServices`; throws with the composition errors. */
export function composeSupergraph(subgraphs: ReadonlyArray<Pick<TestSubgraph, 'name' | 'typeDefs' | 'url'>>): string {
  const result = composeServices(
    subgraphs.map(({ name, typeDefs, url }) => ({ name, typeDefs: parse(typeDefs), url })),
  );
  if (result.errors) throw new Error(result.errors.map((error) => error.message).join('\n'));
  return result.supergraphSdl;
}

/** Collects the gateway's JSON log lines. */
export function createLogCapture() {
  const lines: Array<Record<string, unknown>> = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n')) if (line) lines.push(JSON.parse(line));
      done();
    },
  });
  return { lines, logger: createLogger('info', stream) };
}

export interface TestGateway {
  gateway: Gateway;
  config: GatewayConfig;
  /** GraphQL endpoint URL. */
  url: string;
  /** Base URL (`http://127.0.0.1:<port>`) for `/health`, `/ready`, `/metrics`. */
  base: string;
  supergraphPath: string;
  /** Replaces the supergraph file atomically (write then rename), as deployers do. */
  writeSupergraph(sdl: string): Promise<void>;
  /** POSTs a GraphQL operation as JSON and returns status, headers and parsed body. */
  query(
    query: string,
    options?: { variables?: Record<string, unknown>; headers?: Record<string, string> },
  ): Promise<{ status: number; headers: Headers; body: GraphQLBody }>;
  close(): Promise<void>;
}

export interface GraphQLBody {
  data?: Record<string, unknown> | null;
  errors?: Array<{ message: string; path?: Array<string | number>; extensions?: Record<string, unknown> }>;
  extensions?: Record<string, unknown>;
}

/**
 * Composes the subgraphs, writes the supergraph to a temporary file and starts `createGateway` on port 0 with the
 * given environment overrides (policy limits relaxed unless overridden).
 */
export async function startGateway(
  subgraphs: ReadonlyArray<Pick<TestSubgraph, 'name' | 'typeDefs' | 'url'>>,
  env: Record<string, string> = {},
  dependencies: GatewayDependencies = {},
): Promise<TestGateway> {
  const dir = await mkdtemp(join(tmpdir(), 'switchyard-gateway-'));
  const supergraphPath = join(dir, 'supergraph.graphql');
  await writeFile(supergraphPath, composeSupergraph(subgraphs));
  const config = loadConfig({
    SUPERGRAPH: supergraphPath,
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'silent',
    BUDGETS_ENABLED: 'false',
    ...env,
  });
  const gateway = createGateway(config, { logger: createLogger('silent'), ...dependencies });
  const url = await gateway.listen();
  const base = url.replace(/\/graphql$/, '');
  let counter = 0;
  return {
    gateway,
    config,
    url,
    base,
    supergraphPath,
    async writeSupergraph(sdl) {
      const temporary = join(dir, `.supergraph-${counter++}.tmp`);
      await writeFile(temporary, sdl);
      await rename(temporary, supergraphPath);
    },
    async query(query, options = {}) {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...options.headers },
        body: JSON.stringify({ query, variables: options.variables }),
      });
      return { status: response.status, headers: response.headers, body: (await response.json()) as GraphQLBody };
    },
    async close() {
      await gateway.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Waits until `check` returns true, polling every 20 ms; throws after `timeoutMs`. */
export async function waitFor(check: () => boolean | Promise<boolean>, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await sleep(20);
  }
}
