import { existsSync } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';

/** Debian's Chromium (`apt install chromium`); playwright-core drives it, no browser download. */
export const chromiumPath = '/usr/bin/chromium';

/**
 * Why the browser tests cannot run here, or `undefined` when they can. Without `CI` a missing Chromium skips
 * them with this reason; with `CI` set the tests run anyway and fail, so a broken CI image is noticed.
 */
export function chromiumMissingReason(env: Record<string, string | undefined> = process.env): string | undefined {
  if (existsSync(chromiumPath)) return undefined;
  if (env.CI) return undefined;
  return `Chromium is not installed at ${chromiumPath} (apt install chromium); the registry page's browser test needs it`;
}

/** Launches headless Chromium with the flags a sandboxed, offline test machine needs. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}
