// axe-core (injected through playwright-core) on every kind of page at desktop and phone widths, failing on
// any violation; each page is saved as a screenshot to test-output/screens/ to be looked at.
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { type Browser } from 'playwright-core';
import type { RunningServer } from '../src/server/serve.ts';
import { browserFixture, type BrowserFixture } from './helpers/browser.ts';

const CORPUS = fileURLToPath(new URL('./fixtures/web-corpus', import.meta.url));
const SCREENS = fileURLToPath(new URL('../test-output/screens/', import.meta.url));
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

const PAGES: [string, string][] = [
  ['home', '/'],
  ['search', '/search?q=roading'],
  ['search-money', '/search?q=money%3E1m'],
  ['search-error', '/search?q=roading+year%3A2019-03'],
  ['release', '/releases/2015-02-24-pm-announces-contribution-coalition-against-isil'],
  ['minister', '/ministers/Steven%20Joyce'],
  ['ministers', '/ministers'],
  ['portfolio', '/portfolios/Transport'],
  ['portfolios', '/portfolios'],
  ['trends', '/trends?q=roading&q=Taji'],
  ['amounts', '/amounts'],
  ['about', '/about'],
  ['thread', '/releases/2015-02-24-pm-announces-contribution-coalition-against-isil/thread'],
  ['commitments', '/commitments'],
];
const WIDTHS: [string, { width: number; height: number }][] = [
  ['1280', { width: 1280, height: 900 }],
  ['390', { width: 390, height: 844 }],
];

interface AxeResult {
  violations: { id: string; impact: string; help: string; nodes: { target: string[] }[] }[];
}

let fixture: BrowserFixture | undefined;
let server: RunningServer;
let browser: Browser;

before(async () => {
  mkdirSync(SCREENS, { recursive: true });
  fixture = await browserFixture(CORPUS, 'pressroom-a11y-');
  ({ server, browser } = fixture);
});

after(() => fixture?.close());

describe('axe-core finds nothing on any page', () => {
  for (const [width, viewport] of WIDTHS) {
    test(`at ${width} px`, async () => {
      const page = await browser.newPage({ viewport });
      const found: string[] = [];
      for (const [name, url] of PAGES) {
        const res = await page.goto(server.url + url);
        assert.ok(res && (res.status() < 400 || name.endsWith('error')), `${url} answered ${res?.status()}`);
        await page.screenshot({ path: path.join(SCREENS, `${name}-${width}.png`), fullPage: true });
        // Evaluated through the DevTools protocol, so the page's CSP (scripts from 'self' only) does not block it.
        await page.evaluate(AXE);
        const result = (await page.evaluate(() => (globalThis as unknown as { axe: { run: () => Promise<unknown> } }).axe.run())) as AxeResult;
        for (const v of result.violations) found.push(`${name} @${width}: ${v.id} (${v.impact}) ${v.help}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
      }
      assert.deepEqual(found, []);
      await page.close();
    });
  }

  test('a chart is one tab stop: Tab goes from the search box past the chart to the first result in a few steps', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${server.url}/search?q=roading`);
    await page.locator('#q-page').focus();
    let steps = 0;
    for (; steps < 15; steps++) {
      await page.keyboard.press('Tab');
      if (await page.evaluate(() => document.activeElement?.closest('ol.hits') !== null)) break;
    }
    assert.ok(steps < 8, `${steps + 1} Tabs from the search box to the first result`);
    await page.close();
  });
});
