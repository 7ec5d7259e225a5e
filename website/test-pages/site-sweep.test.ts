// Every page of the built site in Chromium, light and dark, at 1280 px: no code block scrolls
// sideways and axe finds no serious or critical violation. Half a minute of browser work per theme,
// so it runs with the pages (`pnpm test:pages`), not in `pnpm test`.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { afterAll, describe, expect, it } from 'vitest';
import { browser, open, sitemapRoutes, useBuiltSite } from '../test/built-site';
import { websiteDir } from '../test/pages';

useBuiltSite();

describe('every page of the built site', () => {
  // What the checks below counted, for the record (the issue asks for the numbers).
  const counts: Record<string, number> = {};
  afterAll(() =>
    writeFileSync(path.join(websiteDir, 'test-results', 'site-checks.json'), JSON.stringify(counts, null, 2)),
  );

  // The two themes at once, in their own contexts: axe's contrast check is the slow part.
  it.concurrent.each(['light', 'dark'] as const)(
    'shows every code block without a sideways scroll at 1280 px and passes axe on every page, %s',
    async (colorScheme) => {
      const context = await browser.newContext({ colorScheme, viewport: { width: 1280, height: 900 } });
      const page = await context.newPage();
      const clipped: string[] = [];
      const violations: string[] = [];
      let blocks = 0;
      const routes = sitemapRoutes();
      for (const route of routes) {
        await open(page, route);
        await expect(page.locator('html').getAttribute('data-theme')).resolves.toBe(colorScheme);
        // The page's code blocks, not the examples inside hidden hover cards.
        const widths = await page.locator('pre:not(.twoslash-popup-container pre)').evaluateAll((pres) =>
          pres.map((pre) => ({
            overflow: pre.scrollWidth - pre.clientWidth,
            title: pre.closest('.twoslash-block, [class*="codeBlockContainer"]')?.querySelector('[class*="itle"]')
              ?.textContent,
            line: (pre as HTMLElement).innerText.split('\n').find((line) => line.length * 8 > pre.clientWidth),
          })),
        );
        blocks += widths.length;
        for (const { overflow, title, line } of widths) {
          if (overflow > 1) clipped.push(`${route}: ${title ?? 'untitled block'} by ${overflow}px ("${line ?? ''}")`);
        }
        // Colours as they settle: no transition caught halfway.
        await page.addStyleTag({ content: '*, *::before, *::after { transition: none !important; }' });
        // Hover cards are hidden until hovered (and checked then by the hover test's screenshots).
        const { violations: found } = await new AxeBuilder({ page }).exclude('.twoslash-popup-container').analyze();
        for (const violation of found.filter(({ impact }) => impact === 'serious' || impact === 'critical')) {
          violations.push(
            `${route}: ${violation.id} (${violation.impact}): ${violation.nodes.length} elements, e.g. ${violation.nodes
              .slice(0, 3)
              .map((node) => `${node.target.join(' ')} (${node.failureSummary?.split('\n').at(-1)?.trim()})`)
              .join('; ')}`,
          );
        }
      }
      Object.assign(counts, { [`pages-${colorScheme}`]: routes.length, [`code-blocks-${colorScheme}`]: blocks });
      await context.close();
      expect(
        { clipped, violations },
        'code blocks that scroll sideways at 1280 px; serious or critical axe violations',
      ).toEqual({ clipped: [], violations: [] });
    },
    240_000,
  );
});
