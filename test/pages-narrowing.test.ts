// Issue 15 on the pages, over the web fixture: narrowing by month and dates, removable filters, paging past
// the end, who issued a portfolio's releases, citations, "data as of", part years on trends, the sitemap.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { appFixture, type AppFixture } from './helpers/app.ts';

const CORPUS = fileURLToPath(new URL('./fixtures/web-corpus', import.meta.url));
const ISIL = '2015-02-24-pm-announces-contribution-coalition-against-isil';

let fixture: AppFixture;
let app: AppFixture['app'];

before(async () => {
  fixture = await appFixture(CORPUS, 'narrowing');
  ({ app } = fixture);
});

after(() => fixture.close());

const json = async (url: string) => {
  const res = await app.request(url);
  assert.equal(res.status, 200, url);
  return res.json() as Promise<any>;
};
const page = async (url: string, status = 200) => {
  const res = await app.request(url);
  assert.equal(res.status, status, url);
  return res.text();
};

describe('narrowing a search', () => {
  test('within one year, months are a facet and a chart, each linking to month:', async () => {
    const r = await json(`/api/search?q=${encodeURIComponent('roading year:2019')}`);
    const dates: string[] = r.hits.map((h: { date: string }) => h.date.slice(0, 7));
    const expected: Record<string, number> = {};
    for (const m of dates) expected[m] = (expected[m] ?? 0) + 1;
    assert.deepEqual(r.facets.month, expected);
    assert.equal((await json('/api/search?q=roading')).facets.month, undefined, 'across years there is no month facet');
    const html = await page(`/search?q=${encodeURIComponent('roading year:2019')}`);
    assert.ok(html.includes('id="match-months"'), 'a chart of the months');
    assert.ok(html.includes(`href="/search?q=roading+year%3A2019+month%3A2019-03"`), 'a month links to the query narrowed to it');
  });

  test('the from–to boxes become from: and to: in the query', async () => {
    const res = await app.request('/search?q=roading&from=2019-01&to=2019-12');
    assert.equal(res.status, 303);
    assert.equal(res.headers.get('location'), '/search?q=roading+from%3A2019-01+to%3A2019-12');
  });

  test('each active filter is a chip that removes it', async () => {
    const html = await page(`/search?q=${encodeURIComponent('roading minister:"Simon Bridges" year:2019')}`);
    assert.ok(html.includes('<ul class="chips" aria-label="Active filters">'));
    assert.ok(html.includes('<a href="/search?q=roading+year%3A2019" aria-label="Remove the filter minister:&quot;Simon Bridges&quot;">'));
    assert.ok(html.includes('<a href="/search?q=roading+minister%3A%22Simon+Bridges%22" aria-label="Remove the filter year:2019">'));
  });

  test('paging past the end links to the last page', async () => {
    const r = await json('/api/search?q=roading&limit=20');
    const last = Math.floor((r.total_hits - 1) / 20) * 20;
    const html = await page('/search?q=roading&offset=200');
    assert.ok(html.includes(`<a href="/search?q=roading${last ? `&amp;offset=${last}` : ''}">Go to the last page</a>`));
  });
});

describe('profiles and releases', () => {
  test('"Ministers over time" names, per period, whoever issued most of the portfolio’s releases, and says so', async () => {
    const p = await json('/api/portfolios/Transport');
    assert.ok(p.issuers.length > 0);
    for (const i of p.issuers) {
      for (let y = i.from; y <= i.to; y++) {
        const year = await json(`/api/search?q=${encodeURIComponent(`portfolio:Transport year:${y}`)}`);
        const counts = Object.values(year.facets.minister) as number[];
        assert.equal(year.facets.minister[i.name], Math.max(...counts), `${i.name} issued the most in ${y}`);
      }
    }
    const html = await page('/portfolios/Transport');
    assert.ok(html.includes('the person who issued the most of this portfolio’s releases'));
    assert.ok(html.includes('<table class="companions issuers">'));
  });

  test('a release page says how to cite it, and its paragraphs have anchors', async () => {
    const r = await json(`/api/releases/${ISIL}`);
    const html = await page(`/releases/${ISIL}`);
    const cite = /<section class="cite"[\s\S]*?<\/section>/.exec(html)?.[0] ?? '';
    assert.ok(cite.includes('Cite this'));
    assert.ok(cite.includes(r.ministers[0]));
    assert.ok(cite.includes(r.url));
    assert.ok(cite.includes(`/releases/${ISIL}`));
    assert.match(html, /<p id="p-1">/);
  });

  test('every page says how current the data is', async () => {
    const stats = await json('/api/stats');
    const [y, m, d] = stats.last.split('-').map(Number);
    const long = `${d} ${new Date(Date.UTC(y, m - 1, d)).toLocaleString('en-NZ', { month: 'long', timeZone: 'UTC' })} ${y}`;
    for (const url of ['/', '/about', '/ministers']) assert.ok((await page(url)).includes(`Data as of: newest release ${long}`), url);
  });
});

describe('trends and the sitemap', () => {
  test('a period the archive covers only in part is marked and left out of the chart', async () => {
    const t = await json('/api/trends?q=roading');
    const last = t.periods[t.periods.length - 1];
    assert.ok(t.partial.includes(last), `${last} is a part year (archive to ${t.covers.to})`);
    const html = await page('/trends?q=roading');
    assert.ok(html.includes(`${t.partial.join(' and ')} ${t.partial.length === 1 ? 'is' : 'are'} left out of the chart`));
    assert.ok(!/<text class="x"[^>]*>2020<\/text>/.test(html) || !t.partial.includes('2020'), 'the part year has no point on the chart');
    assert.ok(html.includes('<a href="/trends?q=roading&amp;show=count">Show the number of releases</a>'));
    assert.ok((await page('/trends?q=roading&show=count')).includes('Releases per year'));
  });

  test('/sitemap.xml lists the home page, every minister, portfolio and release', async () => {
    const res = await app.request('/sitemap.xml');
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /application\/xml/);
    const xml = await res.text();
    const locs = [...xml.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1]!);
    const stats = await json('/api/stats');
    const ministers = (await json('/api/ministers')).length;
    const portfolios = (await json('/api/portfolios')).length;
    assert.equal(locs.length, 5 + ministers + portfolios + stats.releases);
    assert.ok(locs.includes(`http://localhost/releases/${ISIL}`));
    assert.ok((await (await app.request('/robots.txt')).text()).includes('Sitemap: http://localhost/sitemap.xml'));
  });
});
