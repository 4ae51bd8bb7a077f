import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolvePageFile, servePage, webDirectory } from './servePage';

let server: Server;
let url: string;

beforeAll(async () => {
  server = createServer((request, response) => {
    void servePage(request, response, new URL(request.url ?? '/', 'http://localhost').pathname);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

describe('servePage', () => {
  it('serves the page at / with a policy that allows only its own scripts, styles and API', async () => {
    const response = await fetch(`${url}/`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(response.headers.get('content-security-policy')).toContain("connect-src 'self'");
    expect(await response.text()).toContain('<script type="module" src="/assets/main.js"></script>');
  });

  it('serves every module and stylesheet the page loads, with its content type', async () => {
    const script = await fetch(`${url}/assets/main.js`);
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    const imports = [...(await script.text()).matchAll(/from '\.\/([\w.]+)'/g)].map((match) => match[1]);
    expect(imports).toContain('api.js');
    for (const name of imports) expect((await fetch(`${url}/assets/${name}`)).status, name).toBe(200);
    const css = await fetch(`${url}/assets/app.css`);
    expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8');
  });

  it('answers 404 for unknown assets and for paths that leave the folder', async () => {
    for (const path of [
      '/assets/nope.js',
      '/assets/../package.json',
      '/assets/%2e%2e/src/server.ts',
      '/assets/markdown.test.ts',
    ]) {
      const response = await fetch(`${url}${path}`);
      expect(response.status, path).toBe(404);
      expect(await response.json()).toMatchObject({ error: { code: 'NOT_FOUND' } });
    }
  });

  it('answers HEAD without a body and refuses other methods', async () => {
    const head = await fetch(`${url}/`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
    const post = await fetch(`${url}/`, { method: 'POST' });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD');
  });
});

describe('resolvePageFile', () => {
  it('maps / and flat asset names only', () => {
    expect(resolvePageFile('/')).toEqual({ name: 'index.html', extension: 'html' });
    expect(resolvePageFile('/assets/viewExplorer.js')).toEqual({ name: 'viewExplorer.js', extension: 'js' });
    expect(resolvePageFile('/assets/a/b.js')).toBeUndefined();
    expect(resolvePageFile('/assets/..%2Fx.js')).toBeUndefined();
    expect(resolvePageFile('/assets/x.ts')).toBeUndefined();
    expect(existsSync(`${webDirectory}index.html`)).toBe(true);
  });
});
