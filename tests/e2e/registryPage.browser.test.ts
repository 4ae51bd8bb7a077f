import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumMissingReason, launchChromium } from './page/launchChromium';
import { pickDatabase } from './page/pickDatabase';
import { startUsageStack, type UsageStack } from './page/startUsageStack';
import { syntheticSchema } from './page/syntheticSchema';

const skipReason = chromiumMissingReason();

const iosApp = { name: 'ios-app', version: '2.3.0' };
const dashboard = { name: 'web-dashboard', version: '1.0.0' };

/** Selects the deprecated `Supply.code`: the iOS app has not moved to `sku` yet. */
const LEGACY_CODES = /* GraphQL */ `query LegacyCodes { searchSupplies(first: 3) { edges { node { id code name } } } }`;
const SUPPLIERS = /* GraphQL */ `query Suppliers { suppliers(first: 5) { edges { node { id name } } } }`;

const FIELD_USAGE = /* GraphQL */ `
  query Usage($graph: String!, $variant: String!) {
    usageFields(graph: $graph, variant: $variant, since: "24h") { coordinate requests }
    supergraphVersions(graph: $graph, variant: $variant) { version }
  }
`;

describe.skipIf(skipReason !== undefined)(
  `the registry page in Chromium${skipReason ? ` (skipped: ${skipReason})` : ''}`,
  () => {
    let stack: UsageStack;
    let browser: Browser;
    let page: Page;
    let versions: number[] = [];
    const screenshots = mkdtempSync(join(tmpdir(), 'switchyard-registry-page-'));

    /** Opens a view of the page at `#/<tab>` for the test graph over the last 24 hours, once it has loaded. */
    const open = async (tab: string, extra = '') => {
      const hash = `#/${tab}?graph=${stack.graph}&variant=${stack.variant}&since=24h${extra}`;
      // A fresh load each time: going to the hash already shown would keep the last view and its filter.
      await page.goto('about:blank');
      await page.goto(`${stack.registry.url}/${hash}`);
      await page.locator(`#view[data-route="${hash}"]`).waitFor();
    };

    beforeAll(async () => {
      const database = await pickDatabase();
      [stack, browser] = await Promise.all([startUsageStack({ databaseUrl: database.url }), launchChromium()]);
      for (let i = 0; i < 3; i++)
        expect(await stack.query(iosApp, LEGACY_CODES)).toEqual({ status: 200, errors: undefined });
      for (let i = 0; i < 2; i++)
        expect(await stack.query(dashboard, SUPPLIERS)).toEqual({ status: 200, errors: undefined });

      // The registry has counted all five requests once the gateway's report of them is accepted.
      await stack.gateway.flushUsage();
      const usage = await stack.reader.request<{
        usageFields: { coordinate: string; requests: number }[];
        supergraphVersions: { version: number }[];
      }>(FIELD_USAGE, { graph: stack.graph, variant: stack.variant });
      const requests = (coordinate: string) =>
        usage.usageFields.find((field) => field.coordinate === coordinate)?.requests;
      expect([requests('Supply.code'), requests('Query.suppliers')]).toEqual([3, 2]);
      versions = usage.supergraphVersions.map((entry) => entry.version);

      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      page = await context.newPage();
      // The token comes once in the address; the page keeps it in localStorage and drops it from the URL.
      await page.goto(`${stack.registry.url}/?token=${encodeURIComponent(stack.readToken)}`);
      await page.locator('nav.tabs a').first().waitFor();
    }, 120_000);

    afterAll(async () => {
      await browser?.close();
      await stack?.close();
    });

    it('keeps the token from ?token= and takes it out of the address bar', async () => {
      expect(page.url()).not.toContain('token=');
      expect(await page.evaluate('localStorage.getItem("switchyard.registryToken")')).toBe(stack.readToken);
      expect(await page.locator('#graph-select').inputValue()).toBe('shop');
      expect(await page.locator('#variant-select').inputValue()).toBe('prod');
    });

    it('lists the supergraph versions and renders the selected changelog as HTML', async () => {
      await open('versions');
      await page.screenshot({ path: join(screenshots, 'versions.png'), fullPage: true });
      expect(versions.length).toBeGreaterThan(0);
      const listed = await page.locator('.version-list .version-number').allTextContents();
      expect(listed).toEqual(versions.map((version) => `v${version}`));
      const latest = versions[0];
      expect(await page.locator('.markdown h1').textContent()).toBe(`Supergraph version ${latest}`);
      // Markdown became HTML: a heading per criticality, backticks as <code>.
      expect(await page.locator('.markdown h2').allTextContents()).toEqual([
        expect.stringMatching(/Safe changes \(\d+\)$/),
      ]);
      expect(await page.locator('.markdown p', { hasText: 'Subgraphs:' }).locator('code').allTextContents()).toEqual([
        'suppliers', // published last (see ourSubgraphs)
      ]);
      expect(await page.locator('.published-by').textContent()).toBe('published suppliers by page-test');

      await page.locator('.version-list [data-version="1"]').click();
      await page.locator('.markdown h1', { hasText: 'Supergraph version 1' }).waitFor();
      expect(page.url()).toContain('v=1');
      await page.locator('details.changes summary').click();
      const count = Number((await page.locator('details.changes summary').textContent())?.match(/\((\d+)\)/)?.[1]);
      expect(count).toBeGreaterThan(0);
      expect(await page.locator('details.changes .badge-safe').count()).toBe(count);
    });

    it('shows in the explorer a used field with its exact count and an unused field as unused', async () => {
      await open('explorer');
      await page.locator('#explorer-filter').fill('Supply.');
      const code = page.locator('[data-coordinate="Supply.code"]');
      expect(await code.locator('.requests').textContent()).toBe('3');
      expect(await code.locator('.badge-deprecated').textContent()).toBe('deprecated');
      const description = page.locator('[data-coordinate="Supply.description"]');
      expect(await description.locator('.requests').textContent()).toBe('0');
      expect(await description.locator('.badge-unused').textContent()).toBe('unused');
      await page.screenshot({ path: join(screenshots, 'explorer.png') });
      await page.locator('#explorer-filter').fill('Query.suppliers');
      expect(await page.locator('[data-coordinate="Query.suppliers"] .requests').textContent()).toBe('2');
    });

    it('renders only the explorer rows in view, however many fields the schema has', async () => {
      await open('explorer');
      const total = Number(
        (await page.locator('.explorer .meta').textContent())?.match(/^[\d,]+/)?.[0].replace(/,/g, ''),
      );
      expect(total).toBeGreaterThan(150);
      expect(await page.locator('.virtual-spacer .row').count()).toBeLessThan(60);
    });

    it('opens and filters an explorer of 20,000 fields quickly, drawing only the rows in view', async () => {
      // The test stack's schema is small: answer the explorer's two queries with a large synthetic schema instead.
      const { types, usage } = syntheticSchema(2000, 10);
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      await context.route('**/graphql', async (route) => {
        const query = String(route.request().postDataJSON()?.query ?? '');
        if (query.includes('query ApiSchema')) {
          await route.fulfill({ json: { data: { supergraphVersion: { version: 99, apiSchemaTypes: types } } } });
        } else if (query.includes('query FieldUsage')) {
          await route.fulfill({ json: { data: { usageFields: usage } } });
        } else {
          await route.continue();
        }
      });
      const large = await context.newPage();
      await large.goto(`${stack.registry.url}/?token=${encodeURIComponent(stack.readToken)}`);
      await large.locator('nav.tabs a').first().waitFor();
      const started = Date.now();
      await large.goto(`${stack.registry.url}/#/explorer?graph=${stack.graph}&variant=${stack.variant}`);
      await large.locator('[data-coordinate="Type0000.field1"]').waitFor();
      const openMs = Date.now() - started;
      // 20,001 fields and the 20,000 arguments the registry lists with them.
      expect(await large.locator('.explorer .meta').textContent()).toMatch(/^40,001 fields/);
      expect(await large.locator('.virtual-spacer .row').count()).toBeLessThan(80);

      const filterStarted = Date.now();
      await large.locator('#explorer-filter').fill('Type1999.field7');
      await large.locator('[data-coordinate="Type1999.field7"]').waitFor();
      const filterMs = Date.now() - filterStarted;
      expect(await large.locator('[data-coordinate="Type1999.field7"] .requests').textContent()).toBe('19,998');

      await large.locator('#explorer-filter').fill('');
      await large.locator('.virtual-scroller').evaluate((element) => {
        element.scrollTop = element.scrollHeight;
      });
      await large.locator('[data-coordinate="Type1999.field9"]').waitFor();
      expect(await large.locator('.virtual-spacer .row').count()).toBeLessThan(80);
      console.log(`explorer with 20,000 fields: opened in ${openMs} ms, filtered in ${filterMs} ms`);
      expect(openMs).toBeLessThan(10_000);
      expect(filterMs).toBeLessThan(3_000);
      await context.close();
    });

    it('names the client and version that still use a deprecated field', async () => {
      await open('deprecated');
      const row = page.locator('tr[data-coordinate="Supply.code"]');
      expect(await row.locator('.client').allTextContents()).toEqual([
        expect.stringMatching(/^ios-app 2\.3\.0 · 3 req · this hour$/),
      ]);
      expect(await page.locator('tr[data-coordinate="PurchaseOrder.totalCents"]').count()).toBe(0);
      await page.screenshot({ path: join(screenshots, 'deprecated.png') });
    });

    it('lists the unused fields', async () => {
      await open('unused');
      expect(await page.locator('tr[data-coordinate="Supply.description"]').count()).toBe(1);
      expect(await page.locator('tr[data-coordinate="Supply.code"]').count()).toBe(0);
    });

    it('lists each client name and version with its requests', async () => {
      await open('clients');
      const clients = await page
        .locator('tbody[data-client]')
        .evaluateAll((rows) =>
          rows.map((row) => [
            row.querySelector('.client-name')?.textContent,
            row.querySelector('.client-version')?.textContent,
            row.querySelector('.requests')?.textContent,
          ]),
        );
      expect(clients).toEqual([
        ['ios-app', '2.3.0', '3'],
        ['web-dashboard', '1.0.0', '2'],
      ]);
      await page.screenshot({ path: join(screenshots, 'clients.png'), fullPage: true });
    });

    it('shows the audit log: who published what, and how it ended', async () => {
      await open('audit');
      const rows = await page
        .locator('tr[data-audit-action]')
        .evaluateAll((found) =>
          found.map((row) => [
            row.getAttribute('data-audit-action'),
            row.getAttribute('data-outcome'),
            row.querySelector('.token-name')?.textContent,
          ]),
        );
      const publishes = rows.filter(([action]) => action === 'PUBLISH');
      expect(publishes).toHaveLength(4);
      expect(publishes.every(([, outcome, token]) => outcome === 'SUCCESS' && token?.includes('admin'))).toBe(true);
      expect(rows.some(([action]) => action === 'TOKEN_CREATE')).toBe(true);
      await page.screenshot({ path: join(screenshots, 'audit.png'), fullPage: true });
    });

    it('draws requests over time for the graph and for one field', async () => {
      await open('usage');
      expect(await page.locator('#view [role=status]').textContent()).toBe('5 requests, 0 errors');
      expect(await page.locator('svg.chart rect.chart-requests').count()).toBeGreaterThan(0);
      await page.screenshot({ path: join(screenshots, 'usage.png'), fullPage: true });
      await open('usage', '&field=Supply.code');
      expect(await page.locator('#view [role=status]').textContent()).toBe('3 requests, 0 errors');
    });

    it('goes from a field in the explorer to its chart, and from a client to its chart, in any time window', async () => {
      /** Waits until the view shows a route whose hash contains every one of `parts`. */
      const shown = async (...parts: string[]) => {
        await page.locator(`#view${parts.map((part) => `[data-route*="${part}"]`).join('')}`).waitFor();
      };
      await open('explorer');
      await page.locator('#explorer-filter').fill('Supply.code');
      await page.locator('[data-coordinate="Supply.code"] .field a').click();
      await shown('#/field', 'field=Supply.code');
      expect(await page.locator('.field-page h2').textContent()).toBe('Supply.code');
      expect(await page.locator('.fact-requests dd').textContent()).toBe('3');

      await page.locator('.window button', { hasText: '7d' }).click();
      await shown('#/field', 'field=Supply.code', 'since=7d');
      expect(await page.locator('.window button.active').textContent()).toBe('7d');
      expect(await page.locator('.fact-requests').textContent()).toBe('Requests (7d)3');
      expect(await page.locator('svg.chart').first().locator('g.chart-bar').count()).toBeGreaterThanOrEqual(7);

      await page.locator('.tabs a[data-tab="clients"]').click();
      await shown('#/clients', 'since=7d');
      await page.locator('tbody[data-client="web-dashboard@1.0.0"] a', { hasText: 'Usage over time' }).click();
      await shown('#/usage', 'client=web-dashboard');
      expect(await page.locator('#view [role=status]').textContent()).toBe('2 requests, 0 errors');
    });

    it('shows a view that fails to load as an error, and the other views still work', async () => {
      await page.route('**/graphql', async (route) => {
        if (String(route.request().postDataJSON()?.query ?? '').includes('query Clients')) {
          await route.fulfill({
            status: 500,
            json: { errors: [{ message: 'Internal server error.', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] },
          });
        } else {
          await route.continue();
        }
      });
      try {
        await open('clients');
        expect(await page.locator('#view [role=alert]').textContent()).toBe(
          'Could not load this view. Internal server error. [INTERNAL_SERVER_ERROR]',
        );
        await open('deprecated');
        expect(await page.locator('tr[data-coordinate="Supply.code"]').count()).toBe(1);
      } finally {
        await page.unroute('**/graphql');
      }
    });

    it('switches graph and variant, and marks breaking changes in the list and the changelog', async () => {
      const link = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])';
      const publish = (sdl: string) =>
        stack.publish({
          graph: 'demo',
          variant: 'staging',
          subgraph: 'inventory',
          url: 'http://inventory/graphql',
          sdl,
          create: true,
        });
      expect(await publish(`${link}\ntype Query { stock: Int legacyStock: Int }`)).toBe('PUBLISHED');
      expect(await publish(`${link}\ntype Query { stock: Int warehouse: String }`)).toBe('PUBLISHED');

      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      const admin = await context.newPage();
      await admin.goto(`${stack.registry.url}/?token=${encodeURIComponent(stack.adminToken)}#/versions`);
      await admin.locator('#view[data-route]').waitFor();
      expect(await admin.locator('#graph-select option').allTextContents()).toEqual(['demo', 'shop']);
      await admin.locator('#graph-select').selectOption('demo');
      await admin.locator('#view[data-route*="graph=demo"]').waitFor();
      expect(await admin.locator('#variant-select').inputValue()).toBe('staging');
      expect(await admin.locator('.version-list .version-number').allTextContents()).toEqual(['v2', 'v1']);
      expect(await admin.locator('.version-list li.active .count-breaking').textContent()).toBe('1');
      // The changelog's emoji are drawn as inline SVG icons.
      expect(
        await admin
          .locator('.markdown h2 svg.icon')
          .evaluateAll((icons) => icons.map((icon) => icon.getAttribute('class'))),
      ).toEqual(['icon icon-warning', 'icon icon-check']);
      expect((await admin.locator('.markdown h2').allTextContents()).map((text) => text.trim())).toEqual([
        'Breaking changes (1)',
        'Safe changes (1)',
      ]);
      expect(await admin.locator('.markdown li code').allTextContents()).toEqual([
        'Query.legacyStock',
        'Query.warehouse',
      ]);
      const rows = await admin
        .locator('details.changes tbody tr')
        .evaluateAll((trs) =>
          trs.map((tr) => [
            tr.querySelector('.badge')?.textContent,
            tr.querySelector('td:nth-child(3) code')?.textContent,
          ]),
        );
      expect(rows).toEqual([
        ['BREAKING', 'Query.legacyStock'],
        ['SAFE', 'Query.warehouse'],
      ]);
      await admin.screenshot({ path: join(screenshots, 'breaking.png'), fullPage: true });
      await context.close();
    });

    it('says so when the token is refused, and asks for another', async () => {
      const context = await browser.newContext();
      const fresh = await context.newPage();
      await fresh.goto(`${stack.registry.url}/?token=not-a-real-token`);
      const alert = fresh.locator('.token-form [role=alert]');
      expect(await alert.textContent()).toContain('did not accept this token');
      expect(await fresh.locator('#token-input').count()).toBe(1);
      await fresh.screenshot({ path: join(screenshots, 'bad-token.png') });
      await context.close();
      console.log(`registry page screenshots: ${screenshots}`);
    });
  },
);
