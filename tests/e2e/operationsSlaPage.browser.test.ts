import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumMissingReason, launchChromium } from './page/launchChromium';
import { pickDatabase } from './page/pickDatabase';
import { createRegistryClient } from './page/registryClient';
import { startUsageStack, type UsageStack } from './page/startUsageStack';

const skipReason = chromiumMissingReason();

const iosApp = { name: 'ios-app', version: '2.3.0' };
const dashboard = { name: 'web-dashboard', version: '1.0.0' };
const LEGACY_CODES = /* GraphQL */ `query LegacyCodes { searchSupplies(first: 3) { edges { node { id code name } } } }`;
/** Asks for a field that does not exist: refused with GRAPHQL_VALIDATION_FAILED. */
const BROKEN = /* GraphQL */ `query Broken { supplies { noSuchField } }`;

const SET_SLA = /* GraphQL */ `
  mutation Set($input: SetSlaTargetInput!) { setSlaTarget(input: $input) { latencyMs } }
`;

describe.skipIf(skipReason !== undefined)(
  `the operations and SLA views in Chromium${skipReason ? ` (skipped: ${skipReason})` : ''}`,
  () => {
    let stack: UsageStack;
    let browser: Browser;
    let page: Page;
    const screenshots = mkdtempSync(join(tmpdir(), 'switchyard-operations-page-'));

    const open = async (tab: string, extra = '') => {
      const hash = `#/${tab}?graph=${stack.graph}&variant=${stack.variant}&since=24h${extra}`;
      await page.goto('about:blank');
      await page.goto(`${stack.registry.url}/${hash}`);
      await page.locator(`#view[data-route="${hash}"]`).waitFor();
    };
    /** Whether the page or any card is wider than its box (content scrolling sideways). */
    const overflow = async () => ({
      page: await page.locator('html').evaluate((root) => root.scrollWidth > root.clientWidth),
      cards: await page
        .locator('.card')
        .evaluateAll((cards) =>
          cards.filter((card) => card.scrollWidth > card.clientWidth).map((card) => card.className),
        ),
    });

    beforeAll(async () => {
      const database = await pickDatabase();
      [stack, browser] = await Promise.all([startUsageStack({ databaseUrl: database.url }), launchChromium()]);
      for (let i = 0; i < 3; i++)
        expect(await stack.query(iosApp, LEGACY_CODES)).toEqual({ status: 200, errors: undefined });
      const broken = await stack.query(dashboard, BROKEN);
      expect(broken.status).toBe(400);
      const admin = createRegistryClient(stack.registry.url, stack.adminToken);
      // An impossible latency bound (any request takes more than a microsecond), one nothing can miss, and one for a
      // client that sends nothing.
      for (const input of [
        { client: iosApp.name, latencyMs: 0.001 },
        { errorRate: 1 },
        { client: 'nobody', latencyMs: 100 },
      ])
        await admin.request(SET_SLA, { input: { graph: stack.graph, variant: stack.variant, ...input } });

      // The views read what the registry holds once the gateway's report of these requests is accepted.
      await stack.gateway.flushUsage();
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      page = await context.newPage();
      await page.goto(`${stack.registry.url}/?token=${encodeURIComponent(stack.readToken)}`);
      await page.locator('nav.tabs a').first().waitFor();
    }, 120_000);

    afterAll(async () => {
      await browser?.close();
      await stack?.close();
    });

    it('lists operations busiest first and opens one in a detail panel with its document, clients and latency', async () => {
      await open('operations');
      const legacy = page.locator('.operation-list tr', { hasText: 'LegacyCodes' });
      expect(await legacy.locator('.requests').textContent()).toBe('3');
      expect(await legacy.locator('.clients').textContent()).toBe('ios-app');
      await legacy.locator('.operation-link').click();
      const detail = page.locator('.operation-detail');
      await detail.waitFor();
      expect(page.url()).toContain('op=');
      expect(await detail.locator('h2').textContent()).toBe('LegacyCodes query');
      expect(await detail.locator('.document').textContent()).toContain('query LegacyCodes');
      expect(await detail.locator('.operation-clients [data-client="ios-app@2.3.0"] td').allTextContents()).toEqual([
        'ios-app',
        '2.3.0',
        '3',
        '0',
      ]);
      for (const percentile of ['p50', 'p95', 'p99'])
        expect(await detail.locator(`.fact-${percentile} dd`).textContent()).toMatch(/^[\d.]+ ms$/);
      expect(await detail.locator('.histogram li').count()).toBe(12);
      // Each bar is as wide as its bucket's share of the fullest one: empty buckets draw nothing.
      const widths = await detail
        .locator('.histogram li')
        .evaluateAll((items) =>
          items.map((item) => [
            item.querySelector('.bucket-count')?.textContent,
            item.querySelector('.bucket-bar span')?.getAttribute('style'),
          ]),
        );
      expect(widths.filter(([count]) => count === '0').every(([, width]) => width === 'width: 0%;')).toBe(true);
      expect(widths.some(([, width]) => width === 'width: 100%;')).toBe(true);
      expect(await detail.locator('.resolution').textContent()).toContain('buckets up to 5, 10, 25, 50, 100');
      expect(await detail.locator('.empty').textContent()).toBe('No request failed.');
      await page.screenshot({ path: join(screenshots, 'operations-1280.png'), fullPage: true });
    });

    it('shows a failed operation’s errors by code', async () => {
      await open('operations');
      const failed = page.locator('.operation-list tr', { hasText: 'GraphQLValidationFailure' });
      expect(await failed.locator('.errors').textContent()).toBe('1 (100.0 %)');
      await failed.locator('.operation-link').click();
      const codes = page.locator('.operation-detail .error-codes li');
      await codes.first().waitFor();
      expect(await codes.allTextContents()).toEqual(['GRAPHQL_VALIDATION_FAILED 1']);
    });

    it('lists the SLA breach of an impossible target first, with its hours in breach and measured value', async () => {
      await open('sla');
      const targets = page.locator('.sla-target');
      expect(await targets.count()).toBe(3);
      const first = targets.first();
      expect(await first.getAttribute('class')).toContain('sla-breached');
      expect(await first.locator('h3').textContent()).toBe('ios-app · every operation');
      expect(await first.locator('.badge').textContent()).toBe('in breach');
      expect(await first.locator('.hours-in-breach').textContent()).toBe('1 h');
      expect(await first.locator('.worst').textContent()).toMatch(/^[\d.]+ ms$/);
      expect(await targets.nth(1).locator('.badge').textContent()).toBe('met');
      expect(await targets.nth(2).locator('.badge').textContent()).toBe('no requests');
      expect(await page.locator('.sla h2').textContent()).toBe('SLAs: 1 of 3 target(s) in breach');
      await page.screenshot({ path: join(screenshots, 'sla-1280.png'), fullPage: true });
    });

    it('fits 390 px: no table overflows its card in the operations list, its detail panel or the SLA view', async () => {
      await page.setViewportSize({ width: 390, height: 844 });
      try {
        await open('operations');
        await page.locator('.operation-list tr', { hasText: 'LegacyCodes' }).locator('.operation-link').click();
        await page.locator('.operation-detail').waitFor();
        expect(await overflow()).toEqual({ page: false, cards: [] });
        await page.screenshot({ path: join(screenshots, 'operations-390.png'), fullPage: true });
        await open('sla');
        await page.locator('.sla-breach details summary').first().click();
        expect(await overflow()).toEqual({ page: false, cards: [] });
        await page.screenshot({ path: join(screenshots, 'sla-390.png'), fullPage: true });
      } finally {
        await page.setViewportSize({ width: 1280, height: 900 });
      }
    });
  },
);
