// The built site in a real browser: Chromium driven by Playwright, against `build/` served locally.
// The site-wide sweep (overflow and axe on every page, both themes) runs with the pages: test-pages/.
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { loadSnippets, renderSnippet } from '@temporal-tutorials/tooling/snippets';
import { describe, expect, it } from 'vitest';
import { browser, open, screenshotsDir, sitemapRoutes, useBuiltSite } from './built-site';
import { embedsOf, loadPages, websiteDir } from './pages';

useBuiltSite();

describe('the built site in Chromium', () => {
  // The three tests that visit every page run side by side: each mostly waits for pages to settle.
  it.concurrent(
    'loads every page of the sitemap without a console error',
    async () => {
      const routes = sitemapRoutes();
      expect(routes.length).toBeGreaterThanOrEqual(8);
      const page = await browser.newPage();
      const problems: string[] = [];
      for (const route of routes) {
        for (const error of await open(page, route)) problems.push(`${route}: ${error}`);
        page.removeAllListeners();
      }
      expect(problems).toEqual([]);
    },
    120_000,
  );

  it.concurrent(
    "shows each tutorial's code blocks exactly as the samples' current snippets",
    async () => {
      const snippets = loadSnippets(path.join(websiteDir, '..', 'samples'));
      const page = await browser.newPage();
      const mismatches: string[] = [];
      for (const docPage of loadPages()) {
        const expected = embedsOf(docPage).filter((embed) => embed.kind === 'snippet');
        if (!expected.length) continue;
        await open(page, docPage.route);
        // Code in a collapsed block (an exercise's solution) has no rendered lines until it is opened.
        for (const summary of await page.locator('details > summary').all()) await summary.click();
        await page.locator('details:not([open])').first().waitFor({ state: 'detached' });
        // The text a reader sees and copies: hover cards are not shown until hovered.
        const shown = await page
          .locator('pre code')
          .evaluateAll((blocks) =>
            blocks.map((block) => (block as HTMLElement).innerText.replace(/\s+$/gm, '').trim()),
          );
        for (const embed of expected) {
          const code = renderSnippet(snippets.get(embed.id)!, embed.options).code.replace(/\s+$/gm, '').trim();
          if (!shown.includes(code)) mismatches.push(`${docPage.file}:${embed.line} (${embed.id})`);
        }
      }
      expect(mismatches, 'code blocks that differ from their snippet').toEqual([]);
    },
    120_000,
  );

  it.concurrent(
    'does not scroll sideways on a phone (390 px)',
    async () => {
      const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true });
      const page = await context.newPage();
      const wide: string[] = [];
      for (const route of sitemapRoutes()) {
        await open(page, route);
        const { scrollWidth, clientWidth } = await page.evaluate(() => ({
          scrollWidth: document.documentElement.scrollWidth,
          clientWidth: document.documentElement.clientWidth,
        }));
        if (scrollWidth > clientWidth) wide.push(`${route}: ${scrollWidth}px wide in ${clientWidth}px`);
      }
      await context.close();
      expect(wide, 'pages wider than the phone').toEqual([]);
    },
    120_000,
  );

  it("copies a TypeScript block's code as shown, without its hover cards", async () => {
    const context = await browser.newContext({ permissions: ['clipboard-read', 'clipboard-write'] });
    const page = await context.newPage();
    await open(page, '/tutorials/hello-retry');
    const helloRetry = loadPages().find((docPage) => docPage.route === '/tutorials/hello-retry')!;
    const first = embedsOf(helloRetry).find((embed) => embed.kind === 'snippet')!;
    const snippets = loadSnippets(path.join(websiteDir, '..', 'samples'));
    const button = page.locator('.twoslash-block__copy').first();
    await button.click();
    // The label changes once the clipboard's write has resolved: wait for it, not race it.
    await expect(
      page.locator('.twoslash-block__copy', { hasText: 'Copied' }).first().waitFor({ timeout: 10_000 }),
    ).resolves.toBeUndefined();
    await expect(page.evaluate(() => navigator.clipboard.readText())).resolves.toBe(
      renderSnippet(snippets.get(first.id)!, first.options).code,
    );
    await context.close();
  });

  it("searches the pages' own words, not the SDK docs in the code blocks' hover cards", async () => {
    const page = await browser.newPage();
    await open(page, `/search?q=${encodeURIComponent('heartbeat timeout')}`);
    const results = page.locator('[class*="searchResultItem"]');
    await results.first().waitFor();
    const texts = await results.allInnerTexts();
    // Words of the SDK's typedoc that the cards show (ActivityOptions' and Runtime's).
    const fromCards = texts.filter((text) => /Java HTTP call|Instantiate a new Core object/.test(text));
    expect(fromCards).toEqual([]);
    await expect(
      results.locator('a[href^="/concepts/timeouts"], a[href^="/tutorials/heartbeat-resume"]').first().waitFor(),
    ).resolves.toBeUndefined();
  });

  it('finds the hello-retry tutorial when searching for "retry"', async () => {
    const page = await browser.newPage();
    await open(page, '/search?q=retry');
    const result = page.locator('[class*="searchResultItem"] a[href^="/tutorials/hello-retry"]').first();
    await expect(result.waitFor()).resolves.toBeUndefined();
  });

  it('renders the mermaid diagrams as SVG', async () => {
    const page = await browser.newPage();
    await open(page, '/tutorials/hello-retry');
    await page.locator('.docusaurus-mermaid-container svg').first().waitFor();
    expect(await page.locator('.docusaurus-mermaid-container svg').count()).toBeGreaterThanOrEqual(1);
  });

  it.concurrent(
    "draws every diagram's text at 12 px or more, as shown at 1280 px",
    async () => {
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      const small: string[] = [];
      for (const route of sitemapRoutes()) {
        await open(page, route);
        const diagrams = page.locator('.docusaurus-mermaid-container svg');
        if ((await diagrams.count()) === 0) continue;
        await diagrams.first().waitFor();
        // The size a reader sees: the font size in the SVG times the SVG's scale on the page.
        const sizes = await diagrams.evaluateAll((svgs) =>
          svgs.map((svg) => {
            const scale = svg.getBoundingClientRect().width / (svg as SVGSVGElement).viewBox.baseVal.width;
            const texts = Array.from(svg.querySelectorAll('text, foreignObject span, foreignObject p'));
            const pixels = texts.map((text) => parseFloat(getComputedStyle(text).fontSize) * scale);
            return pixels.length ? Math.min(...pixels) : Infinity;
          }),
        );
        sizes.forEach((size, index) => {
          if (size < 12) small.push(`${route} diagram ${index + 1}: ${size.toFixed(1)} px`);
        });
      }
      expect(small, 'diagrams whose text is smaller than 12 px').toEqual([]);
    },
    120_000,
  );

  it.each(['light', 'dark'] as const)('shows the Web UI screenshots loaded and framed, %s', async (colorScheme) => {
    const context = await browser.newContext({ colorScheme, viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    expect(await open(page, '/concepts/web-ui')).toEqual([]);
    const images = page.locator('.markdown img');
    expect(await images.count()).toBeGreaterThanOrEqual(6);
    for (const image of await images.all()) {
      // The site loads images lazily: bring each into view, then it must load.
      await image.scrollIntoViewIfNeeded();
      const src = await image.getAttribute('src');
      await expect
        .poll(() => image.evaluate((element) => (element as HTMLImageElement).naturalWidth), {
          message: `${src} loads`,
        })
        .toBeGreaterThan(0);
      // The frame that keeps a light screenshot's edge visible on a dark page.
      expect(await image.evaluate((element) => getComputedStyle(element).borderTopWidth), src ?? '').toBe('1px');
      expect(await image.getAttribute('alt'), src ?? '').toBeTruthy();
      // Shrunk into the column, a screenshot opens at full size on a click (or Enter on its link).
      const full = await image.evaluate((element) => element.closest('a')?.getAttribute('href'));
      expect(full, `${src} links its full-size file`).toMatch(/^\/img\/web-ui\/[\w-]+\.jpg$/);
    }
    await page.screenshot({ path: path.join(screenshotsDir, `web-ui-${colorScheme}.png`) });
    await context.close();
  });

  it.each(['light', 'dark'] as const)(
    'shows the inferred type when hovering proxyActivities, %s',
    async (colorScheme) => {
      const context = await browser.newContext({ colorScheme, viewport: { width: 1280, height: 900 } });
      const page = await context.newPage();
      await open(page, '/tutorials/hello-retry');
      // The call `proxyActivities<typeof activities>(...)`, not its import.
      await page.evaluate(() => {
        const ownText = (node: Element) =>
          Array.from(node.childNodes).filter(
            (child) => !(child as Element).classList?.contains('twoslash-popup-container'),
          );
        const call = Array.from(document.querySelectorAll('.twoslash-block .twoslash-hover')).find(
          (hover) =>
            ownText(hover)
              .map((child) => child.textContent)
              .join('') === 'proxyActivities' && hover.closest('.line')?.textContent?.includes('<typeof'),
        );
        call?.setAttribute('data-test-hover', '');
      });
      const hover = page.locator('[data-test-hover]');
      const block = page.locator('.twoslash-block', { has: hover });
      await hover.scrollIntoViewIfNeeded();
      await hover.hover();
      const card = hover.locator('.twoslash-popup-container');
      await card.waitFor();
      await expect(card.innerText()).resolves.toMatch(/proxyActivities<typeof activities>[\s\S]*ActivityInterfaceFor/);
      // The SDK's JSDoc as prose: `{@link ActivityOptions}` reads as the name, in code.
      await expect(card.locator('.twoslash-popup-docs').first().innerText()).resolves.toMatch(
        /^Configure Activity functions with given ActivityOptions\.\s/,
      );
      await expect(card.locator('.twoslash-popup-docs code', { hasText: 'ActivityOptions' }).count()).resolves.toBe(1);
      await expect(card.innerText()).resolves.not.toContain('{@link');
      // The block and its open card, wherever the card reaches.
      const [box, cardBox] = [(await block.boundingBox())!, (await card.boundingBox())!];
      const scrollY = await page.evaluate(() => window.scrollY);
      const [left, top] = [Math.min(box.x, cardBox.x) - 10, Math.min(box.y, cardBox.y) - 10 + scrollY];
      const right = Math.min(Math.max(box.x + box.width, cardBox.x + cardBox.width) + 10, 1280);
      const bottom = Math.max(box.y + box.height, cardBox.y + cardBox.height) + 10 + scrollY;
      await page.screenshot({
        path: path.join(screenshotsDir, `type-hover-${colorScheme}.png`),
        clip: { x: left, y: top, width: right - left, height: bottom - top },
        fullPage: true,
      });
      await context.close();
    },
  );

  it.each(['light', 'dark'] as const)('takes screenshots of the home page and a tutorial, %s', async (colorScheme) => {
    const context = await browser.newContext({ colorScheme, viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    for (const [name, route] of [
      ['home', '/'],
      ['hello-retry', '/tutorials/hello-retry'],
    ] as const) {
      await open(page, route);
      await expect(page.locator('html').getAttribute('data-theme')).resolves.toBe(colorScheme);
      await page.screenshot({
        path: path.join(screenshotsDir, `${name}-${colorScheme}.png`),
        fullPage: name === 'home',
      });
    }
    await context.close();
  });

  it.each(['light', 'dark'] as const)(
    'steps through a recorded history and highlights the line of code behind each event, %s',
    async (colorScheme) => {
      const context = await browser.newContext({ colorScheme, viewport: { width: 1280, height: 900 } });
      const page = await context.newPage();
      expect(await open(page, '/tutorials/hello-retry')).toEqual([]);
      const view = page.locator('.history-view').first();
      const selected = view.locator('.history-view__event[aria-current="step"]');
      const marked = page.locator('.history-view-current-line');
      const fileOf = (line: typeof marked) =>
        line.evaluate(
          (element) => element.closest('.twoslash-block')?.querySelector('.twoslash-block__title span')?.textContent,
        );
      // Nothing is marked until the reader picks an event.
      await expect(marked.count()).resolves.toBe(0);
      // The keyboard: the selected event is the one tab stop; arrows move the selection and the focus.
      await selected.focus();
      for (let step = 0; step < 4; step++) await page.keyboard.press('ArrowDown');
      await expect(selected.innerText()).resolves.toMatch(/^5\. ActivityTaskScheduled/);
      await expect(page.evaluate(() => document.activeElement?.textContent)).resolves.toMatch(
        /^5\. ActivityTaskScheduled/,
      );
      await expect(marked.innerText()).resolves.toContain('composeGreeting({');
      await expect(fileOf(marked)).resolves.toBe('samples/hello-retry/src/workflows.ts');
      // The Next button: the activity's one started event, attempt 4, with the last of the three failures.
      await view.getByRole('button', { name: 'Next', exact: true }).click();
      await expect(selected.innerText()).resolves.toMatch(/^6\. ActivityTaskStarted/);
      await expect(view.locator('.history-view__detail').innerText()).resolves.toMatch(
        /Attempt\s+4\s+Last failure\s+Intentional failure on attempt 3/,
      );
      await expect(view.locator('[aria-live]').innerText()).resolves.toBe('Event 6 of 11: ActivityTaskStarted');
      const { violations } = await new AxeBuilder({ page })
        .include('.history-view')
        .include('.twoslash-block:has(.history-view-current-line)')
        .exclude('.twoslash-popup-container')
        .analyze();
      expect(violations.map(({ id, impact }) => `${id} (${impact})`)).toEqual([]);
      // The sticky navbar would cover the top of an element's screenshot.
      const style = '.navbar { visibility: hidden; }';
      await view.screenshot({ path: path.join(screenshotsDir, `history-view-${colorScheme}.png`), style });
      await page
        .locator('.twoslash-block', { has: marked })
        .screenshot({ path: path.join(screenshotsDir, `history-code-${colorScheme}.png`), style });

      // The refused deposit: the refund's call, then the throw whose message the failure recorded.
      await open(page, '/tutorials/money-transfer-safety');
      const refund = page.locator('.history-view', { hasText: 'refund-history.json' });
      await refund.getByRole('button', { name: /^17\. ActivityTaskScheduled/ }).click();
      await expect(marked.innerText()).resolves.toContain('refund(payment)');
      await refund.locator('.history-view__event[aria-current="step"]').press('End');
      await expect(refund.locator('.history-view__event[aria-current="step"]').innerText()).resolves.toMatch(
        /^23\. WorkflowExecutionFailed/,
      );
      await expect(marked.innerText()).resolves.toContain('throw ApplicationFailure.create({');
      await expect(marked.evaluate((line) => (line.nextElementSibling as HTMLElement).innerText)).resolves.toContain(
        'type: failure.type',
      );
      await expect(fileOf(marked)).resolves.toBe('samples/money-transfer/src/workflows.ts');
      await refund.screenshot({ path: path.join(screenshotsDir, `history-refund-${colorScheme}.png`), style });
      // The reverse, on the run page: a click on the deposit's line selects its events in its view.
      await open(page, '/tutorials/money-transfer');
      const transfer = page.locator('.history-view', { hasText: 'transfer-history.json' }).first();
      // Its text as shown: a line's textContent has its hover cards' text inside.
      await page.evaluate(() =>
        Array.from(document.querySelectorAll('[data-snippet-block] .line[data-history-events]'))
          .find((line) => (line as HTMLElement).innerText.includes('await deposit(payment)'))
          ?.setAttribute('data-test-deposit', ''),
      );
      const depositLine = page.locator('[data-test-deposit]');
      await depositLine.click();
      await expect(transfer.locator('.history-view__event[aria-current="step"]').innerText()).resolves.toMatch(
        /^11\. ActivityTaskScheduled/,
      );
      await depositLine.click();
      await expect(transfer.locator('.history-view__event[aria-current="step"]').innerText()).resolves.toMatch(
        /^12\. ActivityTaskStarted/,
      );

      // The replay lesson: the recorded transfer against the unpatched change fails at event 5.
      await open(page, '/tutorials/money-transfer-operating');
      const changed = page.locator('.history-view', { hasText: 'against the changed code' });
      await changed.getByRole('button', { name: /^5\. ActivityTaskScheduled/ }).click();
      await expect(changed.locator('.history-view__divergence').innerText()).resolves.toContain(
        "scheduled event 'withdraw' does not match activity type of activity command 'checkFraud'",
      );
      await expect(marked.innerText()).resolves.toContain('await checkFraud(payment);');
      await expect(fileOf(marked)).resolves.toBe('samples/money-transfer/test/fraud-check-unguarded-workflow.ts');
      await changed.getByRole('button', { name: 'Show in the code' }).last().click();
      await expect(marked.innerText()).resolves.toContain("if (patched('fraud-check')) await checkFraud(payment);");
      await changed.screenshot({ path: path.join(screenshotsDir, `history-diverges-${colorScheme}.png`), style });
      await context.close();
    },
  );
});
