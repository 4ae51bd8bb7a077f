import { describe, expect, it } from 'vitest';
import { parseCli } from './cli';
import { loadConfig } from './config';
import { ConfigError } from './errors';

describe('parseCli', () => {
  it('maps every --flag-name to its environment variable', () => {
    expect(
      parseCli([
        '--supergraph',
        'schemas/supergraph.graphql',
        '--port',
        '4100',
        '--registry',
        'http://registry:4500',
        '--graph',
        'clinic',
        '--variant',
        'staging',
        '--token=abc',
        '--log-level',
        'debug',
      ]),
    ).toEqual({
      kind: 'run',
      env: {
        SUPERGRAPH: 'schemas/supergraph.graphql',
        PORT: '4100',
        REGISTRY_URL: 'http://registry:4500',
        GRAPH: 'clinic',
        VARIANT: 'staging',
        REGISTRY_TOKEN: 'abc',
        LOG_LEVEL: 'debug',
      },
    });
  });

  it('prints every flag with its variable on --help', () => {
    const result = parseCli(['--help']);
    expect(result.kind).toBe('help');
    const text = result.kind === 'help' ? result.text : '';
    for (const line of [
      '--supergraph',
      'SUPERGRAPH',
      '--registry',
      'REGISTRY_URL',
      '--token',
      'REGISTRY_TOKEN',
      '--port',
    ]) {
      expect(text).toContain(line);
    }
  });

  it('refuses unknown flags and positionals, with the help text', () => {
    expect(parseCli(['--nope'])).toEqual({
      kind: 'error',
      message: expect.stringContaining("Unknown option '--nope'"),
    });
    expect(parseCli(['stray'])).toEqual({
      kind: 'error',
      message: expect.stringContaining('Usage: switchyard-gateway'),
    });
  });
});

describe('loadConfig through the CLI', () => {
  it('lists every invalid setting in one ConfigError', () => {
    const cli = parseCli(['--port', '99999', '--registry', 'not a url']);
    const env = cli.kind === 'run' ? cli.env : {};
    let thrown: unknown;
    try {
      loadConfig({ ...env, MAX_BODY_BYTES: '-1', API_KEYS: '[{"key":"short"}]' });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ConfigError);
    const issues = thrown instanceof ConfigError ? thrown.issues : [];
    expect(issues).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^PORT: /),
        expect.stringMatching(/^REGISTRY_URL: /),
        expect.stringMatching(/^MAX_BODY_BYTES: /),
        expect.stringMatching(/^API_KEYS: /),
      ]),
    );
  });

  it('sets server timeouts that drop slow clients, and refuses a headers timeout beyond the request timeout', () => {
    expect(loadConfig({ SUPERGRAPH: 'a.graphql' }).server).toMatchObject({
      headersTimeoutMs: 10_000,
      requestTimeoutMs: 30_000,
      keepAliveTimeoutMs: 5_000,
    });
    expect(() =>
      loadConfig({ SUPERGRAPH: 'a.graphql', HEADERS_TIMEOUT_MS: '5000', REQUEST_TIMEOUT_MS: '1000' }),
    ).toThrow(/HEADERS_TIMEOUT_MS: must be at most REQUEST_TIMEOUT_MS \(1000\)/);
  });

  it('a flag wins over its variable', () => {
    const cli = parseCli(['--supergraph', 'a.graphql', '--port', '0']);
    const env = cli.kind === 'run' ? cli.env : {};
    const config = loadConfig({ SUPERGRAPH: 'b.graphql', PORT: '5000', ...env });
    expect(config.supergraph).toEqual({ kind: 'file', path: 'a.graphql' });
    expect(config.server.port).toBe(0);
  });

  it('reads SUBGRAPH_SIGNING_KEY, and refuses the removed SUBGRAPH_SECRET naming what replaces it', () => {
    expect(loadConfig({ SUPERGRAPH: 'a.graphql', SUBGRAPH_SIGNING_KEY: 'keys/gateway.pem' }).subgraphs.signingKey).toBe(
      'keys/gateway.pem',
    );
    expect(loadConfig({ SUPERGRAPH: 'a.graphql' }).subgraphs.signingKey).toBeUndefined();
    expect(() => loadConfig({ SUPERGRAPH: 'a.graphql', SUBGRAPH_SECRET: 's'.repeat(32) })).toThrow(
      /SUBGRAPH_SECRET: .*set SUBGRAPH_SIGNING_KEY/,
    );
  });
});
