import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { gzipSync } from 'node:zlib';
import { send } from './respond';

/** Where GraphiQL's bundle is served from, beside the page at `/graphql` (relative, so a path prefix keeps working). */
export const GraphiqlAssetPaths = { script: '/graphiql/graphiql.js', stylesheet: '/graphiql/graphiql.css' } as const;

/**
 * The page's Content-Security-Policy: the browser itself refuses any script, style, font, image or connection from
 * another origin, so "nothing loaded from another host" holds whatever the bundle contains. GraphiQL sets inline
 * styles (editor sizes), hence `'unsafe-inline'` for styles only.
 */
export const GRAPHIQL_CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** Headers GraphiQL's headers editor starts with: a usage label, so the IDE's traffic is told apart from apps'. */
const DEFAULT_HEADERS = JSON.stringify({ 'apollographql-client-name': 'graphiql' }, null, 2);

/** The built bundle (`graphiql/build.mjs`, run by the gateway's `npm run build`): `dist/graphiql/` in the package. */
const BUNDLE_DIR = new URL('../../dist/graphiql/', import.meta.url);

interface Asset {
  contentType: string;
  body: Buffer;
  gzipped: Buffer;
}

/** True for a request a browser makes to open the page: a GET that asks for HTML rather than JSON. */
export function wantsGraphiql(request: IncomingMessage): boolean {
  if (request.method !== 'GET') return false;
  const accept = request.headers.accept ?? '';
  return accept.includes('text/html');
}

export function renderGraphiqlPage(): string {
  // `</` cannot occur in JSON.stringify's output of these headers, but escape it anyway: the block is inside HTML.
  const settings = JSON.stringify({ defaultHeaders: DEFAULT_HEADERS }).replaceAll('</', '<\\/');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>GraphiQL · Switchyard gateway</title>
<link rel="stylesheet" href="${GraphiqlAssetPaths.stylesheet.slice(1)}">
<style>html, body, #graphiql { height: 100%; margin: 0; }</style>
</head>
<body>
<div id="graphiql">Loading GraphiQL…</div>
<script type="application/json" id="graphiql-settings">${settings}</script>
<script src="${GraphiqlAssetPaths.script.slice(1)}"></script>
</body>
</html>
`;
}

/**
 * GraphiQL at `GET /graphql` for browsers (`GRAPHIQL`), its script and stylesheet read from the built bundle once
 * and kept in memory with a gzipped copy. A gateway run from its sources without a build answers 503 naming the
 * build command instead of a broken page.
 */
export function createGraphiql() {
  let assets: Promise<Map<string, Asset> | undefined> | undefined;
  const load = () => {
    assets ??= Promise.all([
      readFile(new URL('graphiql.js', BUNDLE_DIR)),
      readFile(new URL('graphiql.css', BUNDLE_DIR)),
    ]).then(
      ([script, stylesheet]) =>
        new Map<string, Asset>([
          [
            GraphiqlAssetPaths.script,
            { contentType: 'text/javascript; charset=utf-8', body: script, gzipped: gzipSync(script) },
          ],
          [
            GraphiqlAssetPaths.stylesheet,
            { contentType: 'text/css; charset=utf-8', body: stylesheet, gzipped: gzipSync(stylesheet) },
          ],
        ]),
      () => {
        assets = undefined;
        return undefined;
      },
    );
    return assets;
  };
  const page = renderGraphiqlPage();

  return {
    async servePage(response: ServerResponse): Promise<void> {
      if (!(await load())) {
        send(
          response,
          503,
          'text/plain; charset=utf-8',
          'GraphiQL is not built: run `npm run build -w @switchyard/gateway` (GRAPHIQL=false turns the page off).\n',
        );
        return;
      }
      send(response, 200, 'text/html; charset=utf-8', page, {
        'content-security-policy': GRAPHIQL_CONTENT_SECURITY_POLICY,
        'cache-control': 'no-cache',
        vary: 'accept',
      });
    },
    /** Serves a bundle asset; false when `path` is not one, so the caller answers 404. */
    async serveAsset(request: IncomingMessage, response: ServerResponse, path: string): Promise<boolean> {
      const asset = (await load())?.get(path);
      if (!asset) return false;
      const gzip = /\bgzip\b/.test(request.headers['accept-encoding'] ?? '');
      const body = gzip ? asset.gzipped : asset.body;
      response.writeHead(200, {
        'content-type': asset.contentType,
        'content-length': body.byteLength,
        'cache-control': 'public, max-age=300',
        'x-content-type-options': 'nosniff',
        vary: 'accept-encoding',
        ...(gzip ? { 'content-encoding': 'gzip' } : {}),
      });
      response.end(body);
      return true;
    },
  };
}

export type Graphiql = ReturnType<typeof createGraphiql>;
