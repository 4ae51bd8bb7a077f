import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { fileURLToPath } from 'node:url';
import { ErrorCode, SwitchyardError } from '../errors';
import { sendError } from './respond';

/** The web page's static files (`registry/web/`), served as they are: no build step. */
export const webDirectory = fileURLToPath(new URL('../../web/', import.meta.url));

/** Content types of the files the page is made of; any other extension is not served. */
const contentTypes: Record<string, string> = {
  html: 'text/html; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
  svg: 'image/svg+xml',
};

/** `/assets/<name>.<ext>`: one flat folder and a strict name keep `..` and other paths out. */
const assetPath = /^\/assets\/([A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)*)\.(js|css|svg)$/;

/**
 * The page runs only its own scripts and talks only to this registry; changelogs and SDL it shows are escaped,
 * and the policy is a second line against any markup that slips through.
 */
const securityHeaders = {
  'content-security-policy':
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
    "base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-cache',
};

/** Whether `path` is one of the page's routes: `/`, `/index.html` or `/assets/*`. */
export function isPagePath(path: string): boolean {
  return path === '/' || path === '/index.html' || path.startsWith('/assets/');
}

/**
 * Answers `GET /` (the page) and `GET /assets/<file>` (its modules and styles) from `directory` (default
 * `registry/web/`). The files hold no data, so they need no token: the page asks for one and sends it to
 * `/graphql`. Unknown assets answer 404, other methods 405.
 */
export async function servePage(
  request: IncomingMessage,
  response: ServerResponse,
  path: string,
  directory: string = webDirectory,
): Promise<void> {
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    response.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'application/json; charset=utf-8' });
    response.end(JSON.stringify({ error: { code: 'METHOD_NOT_ALLOWED', message: 'Use GET.' } }));
    return;
  }
  const file = resolvePageFile(path);
  if (!file) {
    sendError(response, new SwitchyardError(ErrorCode.NOT_FOUND, `No asset ${path}.`));
    return;
  }
  let body: Buffer;
  try {
    body = await readFile(`${directory}${file.name}`);
  } catch {
    sendError(response, new SwitchyardError(ErrorCode.NOT_FOUND, `No asset ${path}.`));
    return;
  }
  response.writeHead(200, {
    ...securityHeaders,
    'content-type': contentTypes[file.extension] ?? 'application/octet-stream',
    'content-length': String(body.byteLength),
  });
  response.end(request.method === 'HEAD' ? undefined : body);
}

/** Maps a request path to a file name in the web directory, or `undefined` when it names none. */
export function resolvePageFile(path: string): { name: string; extension: string } | undefined {
  if (path === '/' || path === '/index.html') return { name: 'index.html', extension: 'html' };
  const match = assetPath.exec(path);
  if (!match) return undefined;
  const [, base = '', extension = ''] = match;
  return { name: `${base}.${extension}`, extension };
}
