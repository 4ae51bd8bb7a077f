import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { productsSubgraph, reviewsSubgraph } from './fixtures';
import { startGateway, startSubgraph, type TestGateway, type TestSubgraph } from './harness';

const BROWSER_ACCEPT = 'text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8';
/** An absolute URL with a host (linkify's `http://${url}` template for links in descriptions names none). */
const ABSOLUTE_URL = /https?:\/\/[A-Za-z0-9][^\s"'`)<>\\]*/g;

/**
 * Absolute URLs the bundle may contain, none of which the page fetches (its Content-Security-Policy would refuse
 * it anyway): XML namespace names React DOM creates elements with, and links shown to a person in GraphiQL's
 * logo, its settings text and library error messages. Anything else in the bundle fails the test.
 */
const INERT_URLS = new Set([
  'http://www.w3.org/2000/svg',
  'http://www.w3.org/1999/xhtml',
  'http://www.w3.org/1999/xlink',
  'http://www.w3.org/XML/1998/namespace',
  'http://www.w3.org/1998/Math/MathML',
  'https://github.com/graphql/graphiql',
  'https://github.com/graphql/graphiql/blob/master/examples/graphiql-cdn/index.html#L49',
  'https://codemirror.net/5/doc/manual.html#keymaps',
  'https://reactjs.org/docs/error-decoder.html?invariant=',
  'https://yarnpkg.com/en/docs/selective-version-resolutions',
  'https://en.wikipedia.org/wiki/IEEE_floating_point',
  'https://commonmark.org/',
]);

function urlsIn(text: string): string[] {
  return [...new Set(text.match(ABSOLUTE_URL) ?? [])];
}

describe('GraphiQL on the gateway', () => {
  let subgraphs: TestSubgraph[];
  let gw: TestGateway;
  let off: TestGateway;

  beforeAll(async () => {
    // CI builds before testing; a source checkout builds the bundle here once (esbuild, about a second).
    if (!existsSync(fileURLToPath(new URL('../dist/graphiql/graphiql.js', import.meta.url)))) {
      execFileSync(process.execPath, [fileURLToPath(new URL('../graphiql/build.mjs', import.meta.url))]);
    }
    subgraphs = [await startSubgraph(productsSubgraph()), await startSubgraph(reviewsSubgraph())];
    gw = await startGateway(subgraphs);
    off = await startGateway(subgraphs, { GRAPHIQL: 'false' });
  }, 60_000);
  afterAll(async () => {
    await gw?.close();
    await off?.close();
    await Promise.all((subgraphs ?? []).map((subgraph) => subgraph.stop()));
  });

  it('serves GraphiQL to a browser at GET /graphql, loading nothing from another host', async () => {
    const page = await fetch(gw.url, { headers: { accept: BROWSER_ACCEPT } });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("connect-src 'self'");
    const html = await page.text();
    expect(html).toContain('<div id="graphiql">');
    expect(urlsIn(html)).toEqual([]);

    const sources = [...html.matchAll(/<(?:script|link)[^>]+(?:src|href)="([^"]+)"/g)].map((match) => match[1]);
    expect(sources).toEqual(['graphiql/graphiql.css', 'graphiql/graphiql.js']);
    const [stylesheet, script] = await Promise.all(
      sources.map(async (source) => {
        const response = await fetch(new URL(source ?? '', gw.url));
        expect(response.status).toBe(200);
        return response.text();
      }),
    );
    expect(script).toContain('graphiql-settings');
    expect(urlsIn(stylesheet ?? '')).toEqual([]);
    expect(urlsIn(script ?? '').filter((url) => !INERT_URLS.has(url))).toEqual([]);
    // No absolute URL where a script would load, import or fetch it.
    expect(script).not.toMatch(/(?:fetch|import|importScripts)\(\s*["'`]https?:/);
  });

  it('starts with the headers editor open and a usage label for the IDE', async () => {
    const html = await (await fetch(gw.url, { headers: { accept: BROWSER_ACCEPT } })).text();
    const settings = JSON.parse(html.match(/id="graphiql-settings">([^<]*)</)?.[1] ?? '{}');
    expect(JSON.parse(settings.defaultHeaders)).toEqual({ 'apollographql-client-name': 'graphiql' });
    const script = await (await fetch(new URL('graphiql/graphiql.js', gw.url))).text();
    expect(script).toContain('isHeadersEditorEnabled');
  });

  it('answers GET with JSON as before, and queries from the page go to the same endpoint', async () => {
    const query = encodeURIComponent('{ products { id } }');
    const json = await fetch(`${gw.url}?query=${query}`, { headers: { accept: 'application/json' } });
    expect(json.headers.get('content-type')).toContain('application/json');
    expect(await json.json()).toMatchObject({ data: { products: [{ id: 'p1' }, { id: 'p2' }, { id: 'p3' }] } });
    const post = await gw.query('{ products { id } }', { headers: { 'apollographql-client-name': 'graphiql' } });
    expect(post.body.errors).toBeUndefined();
  });

  it('serves no HTML with GRAPHIQL=false', async () => {
    const page = await fetch(off.url, { headers: { accept: BROWSER_ACCEPT } });
    expect(page.headers.get('content-type')).not.toContain('text/html');
    expect(await page.text()).not.toContain('<html');
    expect((await fetch(new URL('graphiql/graphiql.js', off.url))).status).toBe(404);
  });
});
