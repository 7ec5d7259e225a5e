// The built site served locally and a Chromium driven by Playwright, for the browser tests (test/)
// and the site-wide sweep that runs with the pages (test-pages/).
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { chromium, type Browser, type Page as BrowserPage } from 'playwright-core';
import { findBrowser } from '../../scripts/find-browser.mjs';
import { afterAll, beforeAll } from 'vitest';
import { websiteDir } from './pages';

export const buildDir = path.join(websiteDir, 'build');
export const screenshotsDir = path.join(websiteDir, 'test-results', 'screenshots');

let server: Server;
let baseUrl: string;
export let browser: Browser;

function serveBuild(): Promise<Server> {
  const types: Record<string, string> = {
    '.html': 'text/html',
    '.js': 'text/javascript',
    '.css': 'text/css',
    '.json': 'application/json',
    '.svg': 'image/svg+xml',
    '.jpg': 'image/jpeg',
    '.xml': 'application/xml',
  };
  const http = createServer((request, response) => {
    const route = decodeURIComponent(new URL(request.url ?? '/', 'http://site').pathname);
    const candidates = [route, `${route}.html`, path.join(route, 'index.html')].map((file) =>
      path.join(buildDir, file),
    );
    const file = candidates.find(
      (candidate) => candidate.startsWith(buildDir) && existsSync(candidate) && !candidate.endsWith('/'),
    );
    const found = file && !file.endsWith(buildDir) ? file : undefined;
    response.writeHead(found ? 200 : 404, {
      'content-type': types[path.extname(found ?? '.html')] ?? 'application/octet-stream',
    });
    response.end(readFileSync(found ?? path.join(buildDir, '404.html')));
  });
  return new Promise((resolve) => http.listen(0, '127.0.0.1', () => resolve(http)));
}

/** Serves the built site and launches Chromium for the test file that calls it. */
export function useBuiltSite(): void {
  beforeAll(async () => {
    if (!existsSync(path.join(buildDir, 'index.html'))) {
      throw new Error(
        `No built site in ${buildDir}: run \`pnpm --filter website build\` first (\`pnpm test\` and \`pnpm test:pages\` do).`,
      );
    }
    const executablePath = findBrowser();
    if (!executablePath) {
      throw new Error(
        'No Chromium or Chrome found: install one (`node scripts/setup.mjs` does where apt-get can) or set CHROMIUM_PATH.',
      );
    }
    server = await serveBuild();
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await chromium.launch({
      executablePath,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    mkdirSync(screenshotsDir, { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
    server?.close();
  });
}

/** Opens a page and returns the console errors and uncaught exceptions it produced. */
export async function open(page: BrowserPage, route: string): Promise<string[]> {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => errors.push(`exception: ${error.message}`));
  page.on('response', (response) => {
    if (response.status() >= 400) errors.push(`HTTP ${response.status()} for ${response.url()}`);
  });
  const response = await page.goto(`${baseUrl}${route}`, { waitUntil: 'networkidle' });
  if (!response?.ok()) errors.push(`HTTP ${response?.status()}`);
  return errors;
}

export const sitemapRoutes = () =>
  [...readFileSync(path.join(buildDir, 'sitemap.xml'), 'utf8').matchAll(/<loc>([^<]+)<\/loc>/g)].map(
    ([, url]) => new URL(url).pathname,
  );
