import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseCli } from './cli';
import { Env, loadConfig, operationCacheShare } from './config';
import { ConfigError } from './errors';
import { describeSettings } from './settingsHelp';

function issuesOf(env: Record<string, string>): string[] {
  try {
    loadConfig({ SUPERGRAPH: 'supergraph.graphql', ...env });
  } catch (error) {
    if (error instanceof ConfigError) return error.issues;
    throw error;
  }
  return [];
}

describe('gateway configuration errors', () => {
  it('name the setting and say what is expected in plain words', () => {
    expect(
      issuesOf({
        PORT: 'http',
        MAX_DEPTH: '0',
        MAX_TOKENS: '1.5',
        COST_MODE: 'strict',
        INTROSPECTION: 'yes',
        REGISTRY_URL: 'nope',
        GRAPH: 'g',
      }),
    ).toEqual([
      'PORT: expected a number, got "http"',
      'REGISTRY_URL: must be a URL, got "nope"',
      'COST_MODE: must be one of enforce, measure, got "strict"',
      'INTROSPECTION: must be one of 0, 1, true, false, got "yes"',
      'MAX_DEPTH: must be above 0, got "0"',
      'MAX_TOKENS: expected a whole number, got "1.5"',
    ]);
  });

  it('point into JSON settings by entry and key, without a schema dump or the secret itself', () => {
    const issues = issuesOf({ API_KEYS: '[{"key": "short-secret"}]', SUBGRAPH_TIMEOUTS: '{"orders": -1}' });
    expect(issues).toEqual([
      'API_KEYS: entry 1 "key": must be at least 16 characters long',
      'API_KEYS: entry 1 needs "client" (text)',
      'SUBGRAPH_TIMEOUTS: "orders": must be above 0',
    ]);
    expect(issuesOf({ API_KEYS: '{"key": "0123456789abcdef-secret"}' })).toEqual(['API_KEYS: expected a JSON array']);
    expect(issuesOf({ API_KEYS: '[{' })[0]).toMatch(/^API_KEYS: must be JSON \(/);
    expect(issues.join('\n')).not.toMatch(/short-secret|invalid_type|"code"/);
  });
});

describe('gateway usage reporting settings', () => {
  it('reads the retry horizon and the document cut, which may not exceed what the registry takes', () => {
    const config = loadConfig({
      SUPERGRAPH: 'supergraph.graphql',
      USAGE_RETRY_HORIZON_MS: '3600000',
      USAGE_MAX_DOCUMENT_LENGTH: '10000',
    });
    expect(config.usageReporting).toMatchObject({ retryHorizonMs: 3_600_000, maxDocumentLength: 10_000 });
    expect(loadConfig({ SUPERGRAPH: 'supergraph.graphql' }).usageReporting).toMatchObject({
      retryHorizonMs: 86_400_000,
      maxDocumentLength: 262_144,
    });
    expect(issuesOf({ USAGE_MAX_DOCUMENT_LENGTH: '300000' })).toEqual([
      expect.stringMatching(/^USAGE_MAX_DOCUMENT_LENGTH: .*262144/),
    ]);
  });
});

describe('gateway cache settings', () => {
  it('bounds documents, plans and per-operation analyses by bytes, each settable', () => {
    expect(loadConfig({ SUPERGRAPH: 'supergraph.graphql' }).caches).toEqual({
      documentBytes: 32 * 1024 * 1024,
      queryPlanBytes: 64 * 1024 * 1024,
      operationBytes: 16 * 1024 * 1024,
    });
    const config = loadConfig({
      SUPERGRAPH: 'supergraph.graphql',
      DOCUMENT_CACHE_BYTES: '0',
      QUERY_PLAN_CACHE_BYTES: '1048576',
      OPERATION_CACHE_BYTES: '5000000',
    });
    expect(config.caches).toEqual({ documentBytes: 0, queryPlanBytes: 1_048_576, operationBytes: 5_000_000 });
    expect(operationCacheShare(config.caches)).toBe(1_000_000);
    expect(issuesOf({ QUERY_PLAN_CACHE_BYTES: '0', OPERATION_CACHE_BYTES: '-1' })).toEqual([
      expect.stringMatching(/^QUERY_PLAN_CACHE_BYTES: /),
      expect.stringMatching(/^OPERATION_CACHE_BYTES: /),
    ]);
  });
});

describe('gateway executor setting', () => {
  it("runs plans on the gateway's own executor unless GATEWAY_EXECUTOR=apollo", () => {
    expect(loadConfig({ SUPERGRAPH: 'supergraph.graphql' }).executor).toBe('switchyard');
    expect(loadConfig({ SUPERGRAPH: 'supergraph.graphql', GATEWAY_EXECUTOR: 'apollo' }).executor).toBe('apollo');
    expect(issuesOf({ GATEWAY_EXECUTOR: 'fast' })).toEqual([
      expect.stringMatching(/^GATEWAY_EXECUTOR: .*apollo.*switchyard/),
    ]);
  });
});

describe('gateway identity settings', () => {
  it('forwards no token claims to subgraphs unless they are named', () => {
    expect(loadConfig({ SUPERGRAPH: 'supergraph.graphql' }).auth.forwardClaims).toEqual([]);
    expect(loadConfig({ SUPERGRAPH: 'supergraph.graphql', FORWARD_CLAIMS: 'tenant, plan' }).auth.forwardClaims).toEqual(
      ['tenant', 'plan'],
    );
  });
});

describe('gateway --help', () => {
  const help = (() => {
    const result = parseCli(['--help']);
    return result.kind === 'help' ? result.text : '';
  })();

  it('lists every setting of the config schema with its default', () => {
    const settings = describeSettings(Env.shape);
    expect(settings.length).toBeGreaterThan(50);
    for (const { name, default: value, help: text } of settings) {
      expect(text, `${name} has no help`).not.toBe('');
      const line = help.split('\n').find((l) => l.startsWith(`  ${name} `));
      expect(line, `${name} is missing from --help`).toBeDefined();
      expect(help).toMatch(new RegExp(`  ${name} +${value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s`));
    }
    expect(help).toMatch(/MAX_QUERY_COST +1000 +Most estimated cost/);
    expect(help).toMatch(/COST_MODE +enforce +.*\(enforce, measure\)/);
  });

  it('matches the README settings table: every setting has a row with the same default', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const section = readme.slice(readme.indexOf('## Gateway settings'), readme.indexOf('## Subgraph settings'));
    const rows = new Map(
      [...section.matchAll(/^\| `([A-Z0-9_]+)` \| ([^|]*) \|/gm)].map(([, name, cell]) => [name, (cell ?? '').trim()]),
    );
    for (const { name, default: value } of describeSettings(Env.shape)) {
      const cell = rows.get(name) ?? '';
      expect(rows.has(name), `README has no row for ${name}`).toBe(true);
      if (value === 'unset' || value === 'none') expect(cell, name).toMatch(/^(unset|none|on when)/);
      else expect(cell, name).toContain(`\`${value}\``);
    }
  });
});
