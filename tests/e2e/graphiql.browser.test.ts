import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createGateway, type Gateway } from '@switchyard/gateway';
import { loadConfig } from '@switchyard/gateway/config';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPlainSubgraphs } from '../../gateway/src/plugins/testing/plainGraph';
import { chromiumMissingReason, launchChromium } from './page/launchChromium';

const skipReason = chromiumMissingReason();
const bundle = fileURLToPath(new URL('../../gateway/dist/graphiql/graphiql.js', import.meta.url));

/** GraphiQL on a plain third-party-style graph, opened in Chromium: it runs a query and asks no other host. */
describe.skipIf(skipReason !== undefined)(
  `GraphiQL in Chromium${skipReason ? ` (skipped: ${skipReason})` : ''}`,
  () => {
    let subgraphs: Awaited<ReturnType<typeof startPlainSubgraphs>>;
    let gateway: Gateway;
    let browser: Browser;
    let url: string;
    const dir = mkdtempSync(join(tmpdir(), 'switchyard-graphiql-'));

    beforeAll(async () => {
      // CI builds first; a source checkout bundles GraphiQL here (esbuild, about a second).
      if (!existsSync(bundle)) {
        execFileSync(process.execPath, [fileURLToPath(new URL('../../gateway/graphiql/build.mjs', import.meta.url))]);
      }
      subgraphs = await startPlainSubgraphs();
      const supergraph = join(dir, 'supergraph.graphql');
      writeFileSync(supergraph, subgraphs.supergraphSdl);
      gateway = createGateway(
        loadConfig({
          SUPERGRAPH: supergraph,
          PORT: '0',
          HOST: '127.0.0.1',
          LOG_LEVEL: 'silent',
          BUDGETS_ENABLED: 'false',
        }),
      );
      [url, browser] = await Promise.all([gateway.listen(0, '127.0.0.1'), launchChromium()]);
    }, 60_000);
    afterAll(async () => {
      await browser?.close();
      await gateway?.close();
      await Promise.all([subgraphs?.catalog.stop(), subgraphs?.accounts.stop()]);
      rmSync(dir, { recursive: true, force: true });
    });

    it('runs a query from the editor with the headers editor open, every request to the gateway itself', async () => {
      const page = await browser.newPage();
      const requested: string[] = [];
      page.on('request', (request) => requested.push(request.url()));
      const failures: string[] = [];
      page.on('pageerror', (error) => failures.push(error.message));
      await page.goto(url);
      await page.locator('.graphiql-query-editor .CodeMirror').waitFor();
      // The headers editor is open and editable, holding the IDE's usage label.
      const headersEditor = page.locator('.graphiql-editor-tool .graphiql-editor:not(.hidden) .CodeMirror');
      await expect.poll(() => headersEditor.textContent()).toContain('apollographql-client-name');
      await expect(page.locator('.graphiql-editor-tools button.active').textContent()).resolves.toBe('Headers');
      await page
        .locator('.graphiql-query-editor .CodeMirror')
        .evaluate(
          (editor, query) =>
            (editor as unknown as { CodeMirror: { setValue(v: string): void } }).CodeMirror.setValue(query),
          '{ stores(first: 2) { name } }',
        );
      await page.locator('.graphiql-execute-button').click();
      await expect.poll(() => page.locator('.result-window').textContent(), { timeout: 10_000 }).toContain('"stores"');
      expect(failures).toEqual([]);
      const origin = new URL(url).origin;
      expect(requested.filter((address) => new URL(address).origin !== origin && !address.startsWith('data:'))).toEqual(
        [],
      );
      await page.close();
    }, 60_000);
  },
);
