import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { composeOurSupergraph } from '@switchyard/schemas';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumMissingReason, launchChromium } from './page/launchChromium';
import { pickDatabase } from './page/pickDatabase';
import { createRegistryClient } from './page/registryClient';
import { startUsageStack, type UsageStack } from './page/startUsageStack';

const skipReason = chromiumMissingReason();

const iosApp = { name: 'ios-app', version: '2.3.0' };
const iosBeta = { name: 'ios-app', version: '2.4.0-beta' };
const dashboard = { name: 'web-dashboard', version: '1.0.0' };
const testBot = { name: 'test-bot', version: '0.0.1' };
/** Selects the deprecated `Supply.code`: the iOS app has not moved to `sku` yet. */
const LEGACY_CODES = /* GraphQL */ `query LegacyCodes { searchSupplies(first: 3) { edges { node { id code name } } } }`;
const CODES_ONLY = /* GraphQL */ `query CodesOnly { searchSupplies(first: 1) { edges { node { code } } } }`;
const SUPPLIERS = /* GraphQL */ `query Suppliers { suppliers(first: 5) { edges { node { id name } } } }`;

/** A plain third-party-style graph: an input type whose fields have defaults, and a deprecated argument. */
const DEMO_SDL = /* GraphQL */ `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])
  type Query {
    offers(filter: OfferFilter = { minimum: 2 }, first: Int = 20, legacy: Boolean @deprecated(reason: "Ignored.")): [Offer!]!
    search: [SearchResult!]!
  }
  type Offer @key(fields: "id") { id: ID! price: Money }
  type Shop { id: ID! }
  union SearchResult = Offer | Shop
  scalar Money
  input OfferFilter { minimum: Int = 1 category: Category = GAUZE }
  enum Category { GAUZE SYRINGE }
`;

const FIELD_USAGE = /* GraphQL */ `
  query Usage($graph: String!, $variant: String!) {
    usageFields(graph: $graph, variant: $variant, since: "24h") { coordinate requests }
  }
`;

const CHECK = /* GraphQL */ `
  mutation Check($input: CheckSubgraphInput!) { checkSubgraph(input: $input) { ok } }
`;

/** Every view of the tab bar, with an element each shows when it has content. */
const views: { tab: string; extra?: string; shows: string }[] = [
  { tab: 'versions', shows: '.version-list .version-number' },
  { tab: 'checks', shows: '.check-list tr[data-result="failed"] .affected-clients li[data-client="ios-app@2.3.0"]' },
  { tab: 'explorer', extra: '&q=Query.suppliers', shows: '[data-coordinate="Query.suppliers"]' },
  { tab: 'unused', shows: 'tr[data-coordinate="Supply.description"]' },
  { tab: 'deprecated', shows: 'tr[data-coordinate="Supply.code"]' },
  { tab: 'clients', shows: 'tbody[data-client="ios-app@2.3.0"]' },
  { tab: 'operations', shows: '.operation-list tr' },
  { tab: 'subgraphs', shows: '[data-subgraph="catalog"] .subgraph-clients tr[data-client="ios-app"]' },
  { tab: 'sla', shows: '#view .empty' },
  { tab: 'usage', extra: '&field=Supply.code&client=ios-app', shows: 'svg.chart g.chart-bar' },
  { tab: 'audit', shows: 'tr[data-audit-action="PUBLISH"]' },
  { tab: 'field', extra: '&field=Supply.code', shows: '.field-clients tr[data-client]' },
];

describe.skipIf(skipReason !== undefined)(
  `every view of the registry page at 1280 and 390 px in Chromium${skipReason ? ` (skipped: ${skipReason})` : ''}`,
  () => {
    let stack: UsageStack;
    let browser: Browser;
    let page: Page;
    const screenshots = mkdtempSync(join(tmpdir(), 'switchyard-page-views-'));

    const open = async (tab: string, extra = '', graph = stack.graph, variant = stack.variant) => {
      const hash = `#/${tab}?graph=${graph}&variant=${variant}&since=24h${extra}`;
      await page.goto('about:blank');
      await page.goto(`${stack.registry.url}/${hash}`);
      await page.locator(`#view[data-route="${hash}"]`).waitFor();
    };
    /** The catalog subgraph without its deprecated `Supply.code`: a breaking change the iOS app would feel. */
    const catalogWithoutCode = () => {
      const catalog = composeOurSupergraph(stack.subgraphs.urls).subgraphs.find((s) => s.name === 'catalog');
      if (!catalog) throw new Error('no catalog subgraph');
      const sdl = catalog.sdl.replace(
        /^\s*(?:"""[^\n]*"""\n\s*)?code: String! @deprecated\(reason: "Use sku\."\)\n/m,
        '',
      );
      expect(sdl).not.toBe(catalog.sdl);
      return { url: catalog.url, sdl };
    };
    /** What scrolls sideways: the page, or any card or table cell wider than its box. */
    const overflow = async () => ({
      page: await page.locator('html').evaluate((root) => root.scrollWidth > root.clientWidth),
      cards: await page
        .locator('.card, .table td')
        .evaluateAll((boxes) =>
          boxes.filter((box) => box.scrollWidth > box.clientWidth + 1).map((box) => `${box.tagName}.${box.className}`),
        ),
    });
    /** The smallest chart text as shown, in CSS pixels (its font size times the drawing's scale). */
    const smallestChartText = () =>
      page.locator('svg.chart').evaluateAll((charts) =>
        Math.min(
          ...charts.flatMap((chart) => {
            const scale =
              chart.getBoundingClientRect().width /
              (chart as unknown as { viewBox: { baseVal: { width: number } } }).viewBox.baseVal.width;
            return [...chart.querySelectorAll('text')].map(
              (text) =>
                Number.parseFloat(
                  (
                    globalThis as unknown as { getComputedStyle(element: unknown): { fontSize: string } }
                  ).getComputedStyle(text).fontSize,
                ) * scale,
            );
          }),
        ),
      );

    beforeAll(async () => {
      const database = await pickDatabase();
      [stack, browser] = await Promise.all([startUsageStack({ databaseUrl: database.url }), launchChromium()]);
      for (let i = 0; i < 3; i++) expect((await stack.query(iosApp, LEGACY_CODES)).status).toBe(200);
      expect((await stack.query(iosBeta, CODES_ONLY)).status).toBe(200);
      for (let i = 0; i < 2; i++) expect((await stack.query(dashboard, SUPPLIERS)).status).toBe(200);
      expect((await stack.query(testBot, SUPPLIERS)).status).toBe(200);
      expect(
        await stack.publish({
          graph: 'demo',
          variant: 'staging',
          subgraph: 'offers',
          url: 'http://offers/graphql',
          sdl: DEMO_SDL,
          create: true,
        }),
      ).toBe('PUBLISHED');

      await stack.gateway.flushUsage();
      const { usageFields } = await stack.reader.request<{ usageFields: { coordinate: string; requests: number }[] }>(
        FIELD_USAGE,
        { graph: stack.graph, variant: stack.variant },
      );
      const requests = (coordinate: string) => usageFields.find((field) => field.coordinate === coordinate)?.requests;
      expect([requests('Supply.code'), requests('Query.suppliers')]).toEqual([4, 3]);
      // A stored check that removes Supply.code, which the iOS app still selects: it fails, naming its versions.
      const admin = createRegistryClient(stack.registry.url, stack.adminToken);
      const checked = await admin.request<{ checkSubgraph: { ok: boolean } }>(CHECK, {
        input: { graph: stack.graph, variant: stack.variant, subgraph: 'catalog', sdl: catalogWithoutCode().sdl },
      });
      expect(checked.checkSubgraph.ok).toBe(false);
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      page = await context.newPage();
      // The admin token sees both graphs: `shop` with real traffic and the plain `demo`.
      await page.goto(`${stack.registry.url}/?token=${encodeURIComponent(stack.adminToken)}`);
      await page.locator('nav.tabs a').first().waitFor();
    }, 120_000);

    afterAll(async () => {
      await browser?.close();
      await stack?.close();
      console.log(`page view screenshots: ${screenshots}`);
    });

    it('checks every view the tab bar offers', async () => {
      await open('versions');
      const offered = await page
        .locator('nav.tabs a')
        .evaluateAll((links) => links.map((link) => link.getAttribute('data-tab')));
      // A new view needs a line in `views`, so its content and its fit at 390 px are checked too.
      expect([...offered, 'field']).toEqual(views.map((view) => view.tab));
    });

    for (const width of [1280, 390]) {
      it(`shows every view's content at ${width} px with nothing scrolling sideways and chart text of 11 px or more`, async () => {
        await page.setViewportSize({ width, height: 900 });
        try {
          const problems: Record<string, unknown> = {};
          for (const view of views) {
            await open(view.tab, view.extra);
            expect(await page.locator(view.shows).count(), `${view.tab} shows ${view.shows}`).toBeGreaterThan(0);
            if (view.tab === 'clients') await page.locator('details summary').first().click();
            const found = await overflow();
            if (found.page || found.cards.length) problems[view.tab] = found;
            if ((await page.locator('svg.chart').count()) > 0)
              expect(await smallestChartText()).toBeGreaterThanOrEqual(11);
            await page.screenshot({ path: join(screenshots, `${view.tab}-${width}.png`), fullPage: true });
          }
          expect(problems).toEqual({});
        } finally {
          await page.setViewportSize({ width: 1280, height: 900 });
        }
      });
    }

    it('opens a field’s page with its owner, deprecation, clients with versions and operations, exact times and forecast', async () => {
      await open('deprecated');
      const row = page.locator('tr[data-coordinate="Supply.code"]');
      // Every request came in this hour: one day of data is not enough for a forecast, and it says so.
      expect(await row.locator('.forecast').textContent()).toBe('not enough data');
      await row.locator('a').first().click();
      await page.locator('#view[data-route*="#/field"][data-route*="field=Supply.code"]').waitFor();
      expect(await page.locator('.field-page h2').textContent()).toBe('Supply.code');
      expect(await page.locator('.fact-subgraphs dd').textContent()).toBe('catalog');
      expect(await page.locator('.fact-requests dd').textContent()).toBe('4');
      expect(await page.locator('.fact-first-seen dd').textContent()).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC$/);
      expect(await page.locator('.fact-forecast dd').textContent()).toBe('not enough data (1 day of usage; needs 2)');
      expect(await page.locator('.deprecation').textContent()).toMatch(/^Deprecated: Use sku\. · since version \d+ \(/);
      const clients = await page
        .locator('.field-clients tr[data-client]')
        .evaluateAll((rows) =>
          rows.map((row) => [
            row.getAttribute('data-client'),
            row.querySelector('.requests')?.textContent,
            [...row.querySelectorAll('.operation-names li')].map((item) => item.textContent),
          ]),
        );
      expect(clients).toEqual([
        ['ios-app@2.3.0', '3', ['LegacyCodes query · 3']],
        ['ios-app@2.4.0-beta', '1', ['CodesOnly query · 1']],
      ]);
      // One chart for the field, one per client name.
      expect(
        await page
          .locator('.client-chart')
          .evaluateAll((charts) => charts.map((c) => c.getAttribute('data-client-name'))),
      ).toEqual(['ios-app']);
    });

    it('shows per subgraph the fetches the plans sent, by client, with the daily trend and why there is no forecast yet', async () => {
      await open('subgraphs');
      const clients = (subgraph: string) =>
        page
          .locator(`[data-subgraph="${subgraph}"] .subgraph-clients tr[data-client]`)
          .evaluateAll((rows) =>
            rows.map((row) => [row.getAttribute('data-client'), row.querySelector('.fetches')?.textContent]),
          );
      // Each query here is one fetch: the iOS app's 4 (both versions) go to catalog, the suppliers list to suppliers.
      expect(await clients('catalog')).toEqual([['ios-app', '4']]);
      expect(await clients('suppliers')).toEqual([
        ['web-dashboard', '2'],
        ['test-bot', '1'],
      ]);
      expect(await page.locator('[data-subgraph="catalog"] .fact-fetches dd').textContent()).toBe('4');
      expect(await page.locator('[data-subgraph="catalog"] .subgraph-daily li').count()).toBeGreaterThan(0);
      // All traffic came in this hour: no whole day yet, and the page says so instead of a number.
      expect(await page.locator('[data-subgraph="catalog"] .fact-forecast dd').textContent()).toMatch(
        /^not enough data \(0 whole days of fetches; needs 5\)$/,
      );
      expect(await page.locator('.forecast-method').textContent()).toContain('Least-squares line');
    });

    it('filters the usage chart by field and client together, with values on hover and on keyboard focus', async () => {
      await open('usage');
      await page.locator('#usage-field').fill('Supply.code');
      await page.locator('#usage-client').selectOption('ios-app');
      await page.locator('.toolbar button[type=submit]').click();
      await page.locator('#view[data-route*="field=Supply.code"][data-route*="client=ios-app"]').waitFor();
      expect(await page.locator('#view h2').textContent()).toBe(
        'Requests over the last 24h: field Supply.code by client ios-app',
      );
      expect(await page.locator('#view [role=status]').textContent()).toBe('4 requests, 0 errors');

      const last = page.locator('svg.chart g.chart-bar').last();
      await last.focus();
      expect(await page.locator('.chart-readout').textContent()).toMatch(/: 4 requests, 0 errors$/);
      await page.keyboard.press('ArrowLeft');
      expect(await page.locator('.chart-readout').textContent()).toMatch(/: 0 requests, 0 errors$/);
      await last.hover();
      expect(await page.locator('.chart-readout').textContent()).toMatch(/: 4 requests, 0 errors$/);
    });

    it('lists in the explorer, from the server, arguments and input fields with their defaults and deprecations', async () => {
      await open('explorer', '', 'demo', 'staging');
      // The name, type and default; badges (deprecated, unused) follow.
      const row = async (coordinate: string) =>
        (await page.locator(`[data-coordinate="${coordinate}"] .field`).textContent())?.replace(
          /(deprecated|unused)+$/,
          '',
        );
      expect(await row('Query.offers(filter:)')).toBe('(filter:): OfferFilter = {minimum: 2}');
      expect(await row('Query.offers(first:)')).toBe('(first:): Int = 20');
      expect(await row('Query.offers(legacy:)')).toBe('(legacy:): Boolean');
      expect(
        await page.locator('[data-coordinate="Query.offers(legacy:)"] .badge-deprecated').getAttribute('title'),
      ).toBe('Deprecated: Ignored.');
      expect(await row('OfferFilter.minimum')).toBe('minimum: Int = 1');
      expect(await row('OfferFilter.category')).toBe('category: Category = GAUZE');
      expect(await row('Category.SYRINGE')).toBe('SYRINGE');
      expect(await page.locator('[data-type="OfferFilter"]').textContent()).toBe('input OfferFilter');
      // Member-less types are listed too: a union with its members, a scalar.
      await page.locator('#explorer-filter').fill('SearchResult');
      expect(await page.locator('[data-type="SearchResult"]').textContent()).toBe('union SearchResult = Offer | Shop');
      await page.locator('#explorer-filter').fill('Money');
      expect(await page.locator('[data-type="Money"]').textContent()).toBe('scalar Money');
      // The page no longer reads SDL: it asks for the types, never for the SDL.
      const sent: string[] = [];
      page.on('request', (request) => {
        if (request.url().endsWith('/graphql')) sent.push(String(request.postDataJSON()?.query ?? ''));
      });
      await open('explorer', '', 'demo', 'staging');
      expect(sent.some((query) => query.includes('apiSchemaTypes'))).toBe(true);
      expect(sent.some((query) => query.includes('apiSchemaSdl'))).toBe(false);
    });

    it('hides and groups clients by name pattern, remembered for the graph', async () => {
      await open('clients');
      await page.locator('#clients-hide').fill('test-*');
      await page.locator('#clients-group').fill('ios-*');
      await page.locator('.client-filters button[type=submit]').click();
      const listed = () =>
        page
          .locator('.clients > tbody')
          .evaluateAll((bodies) =>
            bodies.map((body) => body.getAttribute('data-group') ?? body.getAttribute('data-client')),
          );
      expect(await listed()).toEqual(['ios-*', 'ios-app@2.3.0', 'ios-app@2.4.0-beta', 'web-dashboard@1.0.0']);
      expect(await page.locator('.hidden-clients').textContent()).toContain('1 client version(s) hidden by test-*');
      expect(await page.locator('[data-group="ios-*"]').textContent()).toBe(
        'ios-* · 2 client version(s) · 4 requests · 0 errors',
      );
      // Remembered: a fresh load of the view keeps them, and the usage view's client list leaves the hidden one out.
      await open('clients');
      expect(await listed()).toEqual(['ios-*', 'ios-app@2.3.0', 'ios-app@2.4.0-beta', 'web-dashboard@1.0.0']);
      await open('usage');
      expect(await page.locator('#usage-client option').allTextContents()).toEqual([
        'all clients',
        'ios-app',
        'web-dashboard',
      ]);
      // Per graph: the demo graph has no filters.
      expect(await page.evaluate('localStorage.getItem("switchyard.clientFilters.demo")')).toBeNull();
    });

    it('shows changelog headings with inline SVG icons, not emoji', async () => {
      await open('versions');
      const heading = page.locator('.markdown h2').first();
      expect(await heading.locator('svg.icon').count()).toBe(1);
      expect(await heading.textContent()).toMatch(/^ ?Safe changes \(\d+\)$/);
    });

    it('says what is missing when a view is empty', async () => {
      await open('clients', '', 'demo', 'staging');
      expect(await page.locator('#view .empty').textContent()).toBe(
        'No client sent requests to demo@staging in the last 24h. Clients appear once a gateway reports usage with their apollographql-client-name header.',
      );
      await open('checks', '', 'demo', 'staging');
      expect(await page.locator('#view .empty').textContent()).toMatch(/^No schema check ran for demo@staging yet\./);
      await open('subgraphs', '', 'demo', 'staging');
      expect(await page.locator('#view .empty').textContent()).toMatch(
        /^No gateway reported subgraph fetches for demo@staging in the last 24h\./,
      );
      await open('field', '&field=Query.nope', 'demo', 'staging');
      expect(await page.locator('#view .empty').textContent()).toBe(
        'The served schema of demo@staging has no Query.nope: it was removed, renamed, or never published.',
      );
      await open('usage', '', 'demo', 'staging');
      expect(await page.locator('.chart-empty').textContent()).toBe(
        'No requests for graph demo@staging in the last 24h',
      );
    });
    // Last: it changes the served schema that the views above read.
    it('shows on a breaking version the client versions and operations that used what it removes', async () => {
      const { url, sdl } = catalogWithoutCode();
      expect(
        await stack.publish({
          graph: stack.graph,
          variant: stack.variant,
          subgraph: 'catalog',
          url,
          sdl,
          force: true,
        }),
      ).toBe('PUBLISHED');
      for (const width of [1280, 390]) {
        await page.setViewportSize({ width, height: 900 });
        await open('versions');
        const removed = page.locator('tr[data-coordinate="Supply.code"]');
        expect(await removed.locator('.badge').first().textContent()).toMatch(/breaking/i);
        expect(
          await removed
            .locator('.affected-clients li')
            .evaluateAll((items) => items.map((item) => item.getAttribute('data-client'))),
        ).toEqual(['ios-app@2.3.0', 'ios-app@2.4.0-beta']);
        expect(await removed.locator('.affected-operations li').allTextContents()).toEqual([
          'LegacyCodes · 3',
          'CodesOnly · 1',
        ]);
        expect(await overflow()).toEqual({ page: false, cards: [] });
        await page.screenshot({ path: join(screenshots, `versions-affected-${width}.png`), fullPage: true });
      }
      await page.setViewportSize({ width: 1280, height: 900 });
    });
  },
);
