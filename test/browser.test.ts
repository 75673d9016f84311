// Drives Debian's chromium (playwright-core) over a served fixture archive: the journeys people take,
// the XSS probes, keyboard use and phone width. Screenshots go to test-output/screenshots/.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { type Browser, type Page } from 'playwright-core';
import type { RunningServer } from '../src/server/serve.ts';
import { browserFixture, type BrowserFixture } from './helpers/browser.ts';

const CORPUS = fileURLToPath(new URL('./fixtures/web-corpus', import.meta.url));
const SHOTS = fileURLToPath(new URL('../test-output/screenshots/', import.meta.url));
const XSS = '2016-05-05-xss-probe';

let fixture: BrowserFixture | undefined;
let server: RunningServer;
let browser: Browser;

before(async () => {
  mkdirSync(SHOTS, { recursive: true });
  fixture = await browserFixture(CORPUS, 'pressroom-browser-');
  ({ server, browser } = fixture);
});

after(() => fixture?.close());

/** A page that records dialogs, CSP violations and page errors, so a test can assert there were none. */
async function open(viewport = { width: 1280, height: 900 }): Promise<{ page: Page; problems: string[] }> {
  const page = await browser.newPage({ viewport });
  const problems: string[] = [];
  page.on('dialog', (d) => {
    problems.push(`dialog: ${d.message()}`);
    void d.dismiss();
  });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && !/status of 404/.test(m.text())) problems.push(`console: ${m.text()}`);
  });
  return { page, problems };
}

const shot = (page: Page, name: string) => page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });

describe('in a browser', () => {
  test('search, refine with a facet, page, open a release, follow a minister', async () => {
    const { page, problems } = await open();
    await page.goto(server.url);
    await shot(page, 'home-desktop');
    await page.getByLabel('Search 30 years of ministerial releases').fill('roading');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/search\?q=roading/);
    assert.match(await page.locator('.summary').innerText(), /^25 releases match .?roading.?; showing 1–20\./);
    await shot(page, 'search-desktop');

    await page.locator('.facet').filter({ hasText: 'Minister' }).getByRole('link', { name: 'Phil Twyford' }).click();
    await page.waitForURL(/minister%3A%22Phil\+Twyford%22/);
    assert.equal(await page.locator('#q-page').inputValue(), 'roading minister:"Phil Twyford"');
    assert.match(await page.locator('.summary').innerText(), /^9 releases match/);

    await page.goBack();
    await page.getByRole('link', { name: 'Next →' }).click();
    await page.waitForURL(/offset=20/);
    assert.match(await page.locator('.summary').innerText(), /showing 21–25/);

    await page.locator('ol.hits h2 a').first().click();
    await page.waitForURL(/\/releases\//);
    const title = await page.locator('h1').innerText();
    assert.match(title, /Regional roading funding round \d+/);
    await shot(page, 'release-desktop');

    const who = page.locator('.meta-grid a[href^="/ministers/"]').first();
    const name = await who.innerText();
    await who.click();
    await page.waitForURL(/\/ministers\//);
    assert.equal(await page.locator('h1').innerText(), name);
    assert.equal(await page.locator('figure.chart svg[aria-hidden="true"]').count(), 1);
    await shot(page, 'minister-desktop');
    assert.deepEqual(problems, []);
    await page.close();
  });

  test('draw a trend of two queries', async () => {
    const { page, problems } = await open();
    await page.goto(`${server.url}/trends`);
    await page.getByLabel('Query 1').fill('roading');
    await page.getByLabel('Query 2').fill('Taji');
    await page.getByRole('button', { name: 'Draw' }).click();
    await page.waitForURL(/\/trends\?q=roading&q=Taji/);
    assert.equal(await page.locator('figure.chart.lines polyline').count(), 2);
    assert.deepEqual(await page.locator('ul.legend li').allInnerTexts(), ['roading', 'Taji']);
    await shot(page, 'trends-desktop');
    assert.deepEqual(problems, []);
    await page.close();
  });

  test('XSS probes in a query and in a release do not run', async () => {
    const { page, problems } = await open();
    // Each navigation is a new window: a probe that ran is seen only on its own page, so each page is checked.
    const visit = async (url: string) => {
      await page.goto(url);
      assert.equal(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss), undefined, `a script ran on ${url}`);
    };
    await visit(`${server.url}/releases/${XSS}`);
    assert.match(await page.locator('h1').innerText(), /^Probe <script>window.__xss = 1<\/script>/);
    await visit(`${server.url}/search?q=zebrafish`);
    const probe = '<script>window.__xss=9</script><img src=x onerror="window.__xss=8;alert(8)">';
    await visit(`${server.url}/search?q=${encodeURIComponent(probe)}`);
    await visit(`${server.url}/trends?q=${encodeURIComponent(probe)}`);
    await visit(`${server.url}/search?q=${encodeURIComponent('"><svg onload=alert(7)>')}`);
    await visit(`${server.url}/releases/${XSS}`);
    await shot(page, 'xss-release');
    assert.deepEqual(problems.filter((p) => p.startsWith('dialog')), []);
    await page.close();
  });

  test('the keyboard reaches the skip link, the search box and the results', async () => {
    const { page } = await open();
    await page.goto(`${server.url}/search?q=roading`);
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Skip to content');
    assert.ok(await page.locator('a.skip').isVisible());
    await page.keyboard.press('Enter');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'main');
    // "/" jumps to the search box (app.js).
    await page.locator('body').press('/');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'q-page');
    // Focus is visible: the focused element has an outline.
    await page.keyboard.press('Tab');
    const outline = await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle);
    assert.notEqual(outline, 'none');
    await page.close();
  });

  test('the ministers filter box narrows the table', async () => {
    const { page } = await open();
    await page.goto(`${server.url}/ministers`);
    await page.getByLabel('Filter ministers').fill('phil');
    assert.equal(await page.locator('#browse-table tbody tr:visible').count(), 2);
    await page.close();
  });

  test('pages fit a phone screen without sideways scrolling', async () => {
    const { page, problems } = await open({ width: 390, height: 844 });
    for (const [name, url] of [
      ['home', '/'],
      ['search', '/search?q=roading'],
      ['release', '/releases/2015-02-24-pm-announces-contribution-coalition-against-isil'],
      ['minister', '/ministers/Steven%20Joyce'],
      ['portfolio', '/portfolios/Transport'],
      ['trends', '/trends?q=roading&q=Taji'],
      ['ministers', '/ministers'],
      ['not-found', '/releases/nope'],
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
