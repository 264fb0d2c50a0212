import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { projectRoot } from '../helpers/processes.ts';

/** Debian's chromium; the tests never download a browser. */
export const chromiumPath = '/usr/bin/chromium';
export const hasChromium = existsSync(chromiumPath);
// .ci/run installs chromium; a developer machine without it skips the browser tests with a notice.
if (!hasChromium) process.stdout.write(`Browsertests übersprungen: ${chromiumPath} fehlt (apt-get install chromium)\n`);
export const screenshotDirectory = path.join(projectRoot, 'test-results', 'web');

export async function launchChromium(): Promise<Browser> {
  await mkdir(screenshotDirectory, { recursive: true });
  return chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--lang=de-DE'],
  });
}

/**
 * What the tests read inside the page (`page.evaluate`); the Node typecheck has no DOM lib, so
 * these few browser globals are typed here.
 */
export interface PageGlobals {
  sessionStorage: { getItem(key: string): string | null; setItem(key: string, value: string): void };
  getComputedStyle(element: unknown): { backgroundColor: string };
  __xss?: unknown;
}

export interface WatchedPage {
  page: Page;
  context: BrowserContext;
  /** Uncaught page errors and console errors (CSP violations land here too). */
  problems: string[];
}

/**
 * A fresh context (own sessionStorage) in Berlin time and German; with a token, already
 * signed in as the token form would leave it.
 */
export async function openPage(browser: Browser, { token, colorScheme = 'light', width = 1366 }: { token?: string; colorScheme?: 'light' | 'dark'; width?: number } = {}): Promise<WatchedPage> {
  const context = await browser.newContext({ locale: 'de-DE', timezoneId: 'Europe/Berlin', viewport: { width, height: 900 }, colorScheme });
  if (token) await context.addInitScript((value) => (globalThis as unknown as PageGlobals).sessionStorage.setItem('schulit.advisorToken', value), token);
  const page = await context.newPage();
  // Fail a step within seconds (with Playwright's call log) instead of at the test timeout.
  page.setDefaultTimeout(10_000);
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });
  return { page, context, problems };
}

export async function saveScreenshot(page: Page, name: string): Promise<string> {
  const file = path.join(screenshotDirectory, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}
