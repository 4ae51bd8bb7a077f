import { GraphQLObjectType, GraphQLSchema, GraphQLString } from 'graphql';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { createSubgraphServer, type SubgraphServer } from './server';

/** A gate a resolver waits on, so a test holds a request in flight without sleeping. */
function createGate() {
  let open!: () => void;
  let entered!: () => void;
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  const reached = new Promise<void>((resolve) => {
    entered = resolve;
  });
  const wait = () => {
    entered();
    return opened;
  };
  return { open, reached, wait };
}

let gate = createGate();
const schema = new GraphQLSchema({
  query: new GraphQLObjectType({
    name: 'Query',
    fields: {
      hello: { type: GraphQLString, resolve: () => 'world' },
      whoami: { type: GraphQLString, resolve: (_source, _args, context) => context.identity.subject ?? 'anonymous' },
      slow: { type: GraphQLString, resolve: () => gate.wait().then(() => 'done') },
    },
  }),
});

describe('createSubgraphServer', () => {
  let server: SubgraphServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
    gate = createGate();
  });

  async function start(options: { maxBodyBytes?: number; healthy?: boolean } = {}) {
    server = createSubgraphServer({
      name: 'test',
      schema,
      logger: pino({ level: 'silent' }),
      maxBodyBytes: options.maxBodyBytes,
      createContext: (base) => base,
      checkHealth: async () => {
        if (options.healthy === false) throw new Error('database down');
        return true;
      },
    });
    return server.listen(0);
  }

  const post = (url: string, body: string, headers: Record<string, string> = {}) =>
    fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });

  it('answers GraphQL on /graphql and / by POST and GET, in the caller context', async () => {
    const url = await start();
    const posted = await post(url, JSON.stringify({ query: '{ hello whoami }' }));
    expect(posted.status).toBe(200);
    expect(await posted.json()).toEqual({ data: { hello: 'world', whoami: 'anonymous' } });
    const root = await post(url.replace('/graphql', '/'), JSON.stringify({ query: '{ hello }' }));
    expect(await root.json()).toEqual({ data: { hello: 'world' } });
    const got = await fetch(`${url}?query=${encodeURIComponent('{ hello }')}`);
    expect(await got.json()).toEqual({ data: { hello: 'world' } });
  });

  it.each(['/health', '/ready'])('reports %s, 503 when its dependencies do not answer', async (path) => {
    const url = await start();
    const health = await fetch(url.replace('/graphql', path));
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok', subgraph: 'test' });
    await server?.close();
    const down = await start({ healthy: false });
    const unhealthy = await fetch(down.replace('/graphql', path));
    expect(unhealthy.status).toBe(503);
    expect(await unhealthy.json()).toEqual({ status: 'unavailable', subgraph: 'test' });
  });

  it('refuses a body over the limit with 413 REQUEST_TOO_LARGE, and one at it is read', async () => {
    const query = JSON.stringify({ query: '{ hello }' });
    const url = await start({ maxBodyBytes: 1024 });
    const padded = (bytes: number) => {
      const empty = `${query.slice(0, -1)},"extensions":{"pad":""}}`;
      return empty.replace('"pad":""', `"pad":"${'x'.repeat(bytes - empty.length)}"`);
    };
    expect(Buffer.byteLength(padded(1024))).toBe(1024);
    expect((await post(url, padded(1024))).status).toBe(200);
    const refused = await post(url, padded(1025));
    expect(refused.status).toBe(413);
    expect(await refused.json()).toEqual({
      errors: [{ message: 'Request body exceeds 1024 bytes.', extensions: { code: 'REQUEST_TOO_LARGE' } }],
    });
  });

  it('answers 400 BAD_REQUEST to a body that is not JSON and 404 NOT_FOUND off its routes', async () => {
    const url = await start();
    const bad = await post(url, '{"query": ');
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({
      errors: [{ message: 'Body is not valid JSON.', extensions: { code: 'BAD_REQUEST' } }],
    });
    const missing = await fetch(url.replace('/graphql', '/nope?x=1'));
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({
      errors: [{ message: 'No route /nope.', extensions: { code: 'NOT_FOUND' } }],
    });
  });

  it('lets a request in flight finish on close, then stops', async () => {
    const url = await start();
    const inFlight = post(url, JSON.stringify({ query: '{ slow }' }));
    await gate.reached;
    const closed = server?.close();
    server = undefined;
    gate.open();
    const response = await inFlight;
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ data: { slow: 'done' } });
    await closed;
    await expect(fetch(url.replace('/graphql', '/health'))).rejects.toThrow();
  });
});
