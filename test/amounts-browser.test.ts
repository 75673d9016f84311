// The amounts page and money searches in Debian's chromium (playwright-core) over the amounts fixtures:
// choosing a portfolio and year with the plain GET form, following an amount to its place in the release,
// the escaping probe, and a phone's width. Screenshots go to test-output/screenshots/.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { type Browser, type Page } from 'playwright-core';
import type { RunningServer } from '../src/server/serve.ts';
import { browserFixture, type BrowserFixture } from './helpers/browser.ts';

const CORPUS = fileURLToPath(new URL('./fixtures/amounts-corpus', import.meta.url));
const SHOTS = fileURLToPath(new URL('../test-output/screenshots/', import.meta.url));

let fixture: BrowserFixture | undefined;
let server: RunningServer;
let browser: Browser;

before(async () => {
  mkdirSync(SHOTS, { recursive: true });
  fixture = await browserFixture(CORPUS, 'pressroom-amounts-browser-');
  ({ server, browser } = fixture);
});

after(() => fixture?.close());

/** A page that records dialogs, page errors and console errors (CSP violations among them). */
async function open(viewport = { width: 1280, height: 900 }): Promise<{ page: Page; problems: string[] }> {
  const page = await browser.newPage({ viewport });
  const problems: string[] = [];
  page.on('dialog', (d) => {
    problems.push(`dialog: ${d.message()}`);
    void d.dismiss();
  });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()}`);
  });
  return { page, problems };
}

const shot = (page: Page, name: string) => page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
const pwned = (page: Page) => page.evaluate(() => (window as unknown as { pwned?: number }).pwned);

describe('amounts in a browser', () => {
  test('choose a portfolio and a year, then follow an amount to where the release states it', async () => {
    const { page, problems } = await open();
    await page.goto(server.url);
    await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Amounts' }).click();
    await page.waitForURL(/\/amounts$/);
    assert.equal(await page.locator('table.amounts:not(.per-year) tbody tr').count(), 9);
    assert.equal(await pwned(page), undefined, 'the escaping probe did not run');
    await shot(page, 'amounts-desktop');

    await page.getByLabel('Portfolio', { exact: true }).selectOption('Transport');
    await page.getByLabel('Year', { exact: true }).selectOption('2020');
    await page.getByRole('button', { name: 'Show' }).click();
    await page.waitForURL(/\/amounts\?portfolio=Transport&year=2020/);
    assert.match(await page.locator('.summary').innerText(), /^3 amounts; showing 1–3\.$/);
    assert.deepEqual(await page.locator('table.amounts .amount').allInnerTexts(), ['$1.2 billion', '$300 million', '$2–3 million\na further']);

    await page.getByRole('link', { name: 'Cycleways across the regions' }).click();
    await page.waitForURL(/\/releases\/2020-07-02-cycleway-funding#fact-0$/);
    assert.equal(await page.locator('mark.fact:target').innerText(), 'A further $2–3 million');
    assert.deepEqual(problems, []);
    await page.close();
  });

  test('a money search shows the amounts each hit matched, linked to the release', async () => {
    const { page, problems } = await open();
    await page.goto(`${server.url}/search?q=${encodeURIComponent('money>1b')}`);
    assert.match(await page.locator('.summary').innerText(), /^5 releases match .?money>1b.?; showing 1–4\./);
    await shot(page, 'amounts-search-desktop');
    await page.locator('.matched a', { hasText: '$40 billion' }).click();
    await page.waitForURL(/\/releases\/2019-08-20-escaping-probe#fact-2$/);
    assert.equal(await page.locator('mark.fact:target').innerText(), '$40 billion');
    assert.equal(await pwned(page), undefined);
    assert.deepEqual(problems, []);
    await page.close();
  });

  test('the amounts page fits a phone screen without sideways scrolling', async () => {
    const { page, problems } = await open({ width: 390, height: 844 });
    for (const [name, url] of [
      ['amounts', '/amounts'],
      ['amounts-health', '/amounts?portfolio=Health'],
      ['amounts-search', `/search?q=${encodeURIComponent('money>100m')}`],
    ] as const) {
      await page.goto(server.url + url);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `${name} scrolls sideways by ${overflow}px`);
      await shot(page, `${name}-phone`);
    }
    assert.deepEqual(problems, []);
    await page.close();
  });
});
