// The HTTP surface through app.request(): status codes, JSON shapes, error bodies, escaping, feeds, exports.
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { Archive, ingest } from '../src/index.ts';
import { createApp, CSP } from '../src/server/app.ts';
import { CSV_COLUMNS } from '../src/server/export.ts';

const CORPUS = fileURLToPath(new URL('./fixtures/web-corpus', import.meta.url));
const ISIL = '2015-02-24-pm-announces-contribution-coalition-against-isil';
const XSS = '2016-05-05-xss-probe';

let dir: string;
let archive: Archive;
let app: ReturnType<typeof createApp>;
const logged: unknown[] = [];

before(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'pressroom-server-'));
  const db = path.join(dir, 'web.db');
  await ingest({ dir: CORPUS, db });
  archive = Archive.open(db);
  app = createApp(archive, { logError: (e) => logged.push(e) });
});

after(() => {
  archive.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The text of every release file under a fixture corpus. */
function fixtureFiles(corpus: string): string[] {
  const dir = path.join(corpus, 'releases');
  return (readdirSync(dir, { recursive: true }) as string[]).filter((f) => f.endsWith('.md')).map((f) => readFileSync(path.join(dir, f), 'utf8'));
}

const get = (url: string) => app.request(url);
const json = async (url: string, status = 200) => {
  const res = await get(url);
  assert.equal(res.status, status, `${url} → ${res.status}`);
  assert.match(res.headers.get('content-type') ?? '', /application\/json/);
  return res.json() as Promise<any>;
};
const page = async (url: string, status = 200) => {
  const res = await get(url);
  assert.equal(res.status, status, `${url} → ${res.status}`);
  assert.match(res.headers.get('content-type') ?? '', /text\/html/);
  return res.text();
};

describe('JSON API', () => {
  test('/api/search returns the contract shape with facets over every match', async () => {
    const r = await json('/api/search?q=roading&limit=5');
    assert.deepEqual(Object.keys(r).sort(), ['facets', 'hits', 'limit', 'offset', 'query', 'sort', 'took_ms', 'total', 'total_hits'].sort());
    assert.equal(r.query, 'roading');
    assert.equal(r.total, 25);
    assert.equal(r.hits.length, 5);
    assert.deepEqual(Object.keys(r.hits[0]).sort(), ['date', 'duplicates', 'id', 'ministers', 'portfolios', 'score', 'snippet', 'title', 'url'].sort());
    assert.equal(r.facets.year.undated, 1, 'one match is undated');
    assert.equal(Object.values(r.facets.year as Record<string, number>).reduce((a, b) => a + b, 0), 25, 'the year facets add up to the total');
    assert.equal(r.facets.minister['Steven Joyce'], 10);
  });

  test('/api/search folds exact copies into duplicates', async () => {
    const r = await json('/api/search?q=Taji+ISIL');
    const hit = r.hits.find((h: { id: string }) => h.id.startsWith(ISIL));
    assert.ok(hit);
    assert.equal(hit.duplicates.length, 1);
  });

  test('total_hits is what the pages go through: every page full but the last, every release once', async () => {
    const all = await json('/api/search?q=*&limit=1');
    assert.ok(all.total_hits < all.total, 'the fixtures hold exact copies');
    const listed: string[] = [];
    let pages = 0;
    for (let offset = 0; offset < all.total_hits; offset += 7) {
      const r = await json(`/api/search?q=*&limit=7&offset=${offset}`);
      assert.equal(r.hits.length, Math.min(7, all.total_hits - offset), `offset ${offset}`);
      for (const h of r.hits) listed.push(h.id, ...h.duplicates);
      pages++;
    }
    assert.equal(pages, Math.ceil(all.total_hits / 7));
    assert.equal(new Set(listed).size, all.total, 'each matching release once, copies with their hit');
    assert.equal((await json(`/api/search?q=*&limit=7&offset=${all.total_hits}`)).hits.length, 0);
  });

  test('bad parameters are 400s that say what to change', async () => {
    const cases: [string, string][] = [
      ['/api/search?q=from:2015-13', 'from:2015-13 is not a date; use YYYY, YYYY-MM or YYYY-MM-DD'],
      ['/api/search?q=x&limit=abc', 'limit must be a whole number from 1 to 100 (got "abc")'],
      ['/api/search?q=x&limit=0', 'limit must be at least 1 (got "0")'],
      ['/api/search?q=x&limit=1000', 'limit must be at most 100 (got "1000")'],
      ['/api/search?q=x&offset=-1', 'offset must be a whole number from 0 to 10000 (got "-1")'],
      ['/api/search?q=x&sort=best', 'sort must be one of relevance, newest, oldest (got "best")'],
      [`/api/search?q=${'a'.repeat(5001)}`, 'q must be at most 5000 characters; shorten the query'],
      ['/api/trends?q=a&q=b&q=c&q=d&q=e&q=f', 'compare at most 5 queries: send q at most 5 times'],
      ['/api/trends?q=a&by=week', 'by must be year or month (got "week")'],
      ['/api/trends?q=a&from=2015-13', 'from=2015-13 is not a date; use YYYY, YYYY-MM or YYYY-MM-DD'],
      ['/api/trends?q=a&from=2016&to=2015', 'from (2016) is after to (2015); swap them'],
      ['/api/trends', 'give at least one query: /api/trends?q=housing&q=immigration'],
    ];
    for (const [url, error] of cases) {
      const body = await json(url, 400);
      assert.deepEqual(body.error.startsWith(error) ? error : body.error, error, url);
    }
  });

  test('/api/releases/:id returns the release with facts; unknown ids are JSON 404s', async () => {
    const r = await json(`/api/releases/${ISIL}`);
    assert.equal(r.id, ISIL);
    assert.deepEqual(r.ministers, ['John Key']);
    assert.ok(Array.isArray(r.facts));
    assert.equal(typeof r.body, 'string');
    assert.deepEqual(await json('/api/releases/no-such-release', 404), { error: 'no release with id "no-such-release"' });
    assert.equal((await json('/api/releases/no-such-release/related', 404)).error, 'no release with id "no-such-release"');
  });

  test('/api/releases/:id/related lists other releases, oldest first', async () => {
    const r = await json(`/api/releases/${ISIL}/related`);
    assert.equal(r.id, ISIL);
    const dates = r.hits.map((h: { date: string }) => h.date ?? '9999');
    assert.deepEqual(dates, [...dates].sort());
    assert.ok(!r.hits.some((h: { id: string }) => h.id.startsWith(ISIL)));
  });

  test('/api/trends gives shares per year and per month', async () => {
    const r = await json('/api/trends?q=roading&q=Taji');
    assert.equal(r.by, 'year');
    assert.equal(r.periods[0], '2008');
    assert.equal(r.series.length, 2);
    assert.equal(r.series[0].query, 'roading');
    assert.equal(r.series[0].counts.length, r.periods.length);
    // Read from the fixture files themselves: the releases of 2015 whose text names Taji, copies included.
    const taji2015 = fixtureFiles(CORPUS).filter((t) => /^date: "?2015-/m.test(t) && /\btaji\b/i.test(t)).length;
    assert.ok(taji2015 > 0);
    assert.equal(r.series[1].counts[r.periods.indexOf('2015')], taji2015);
    assert.ok(r.series[1].share.every((s: number) => s >= 0 && s <= 1));
    const m = await json('/api/trends?q=roading&by=month&from=2015&to=2015-06');
    assert.deepEqual(m.periods, ['2015-01', '2015-02', '2015-03', '2015-04', '2015-05', '2015-06']);
  });

  test('/api/ministers and /api/portfolios list names with counts; profiles resolve aliases', async () => {
    const ms = await json('/api/ministers');
    assert.deepEqual(ms[0], { name: 'Steven Joyce', releases: 11, first: '2008-01-10', last: '2019-08-18' });
    const m = await json('/api/ministers/Hon%20Steven%20Joyce');
    assert.equal(m.name, 'Steven Joyce');
    assert.deepEqual(Object.keys(m.per_year).slice(0, 2), ['2008', '2009']);
    assert.ok(m.portfolios.some((p: { name: string }) => p.name === 'Transport'));
    assert.equal((await json('/api/ministers/Nobody%20At%20All', 404)).error, 'no minister named "Nobody At All"; see /ministers for the list');
    const ps = await json('/api/portfolios');
    assert.ok(ps.some((p: { name: string }) => p.name === 'Transport'));
    const p = await json('/api/portfolios/transport');
    assert.equal(p.name, 'Transport');
    assert.deepEqual(p.ministers.map((x: { name: string }) => x.name).sort(), ['Phil Twyford', 'Simon Bridges', 'Steven Joyce']);
    await json('/api/portfolios/Nothing', 404);
  });

  test('/api/openapi.json documents every API route', async () => {
    const doc = await json('/api/openapi.json');
    assert.equal(doc.openapi, '3.1.0');
    for (const p of ['/api/search', '/api/releases/{id}', '/api/releases/{id}/related', '/api/trends', '/api/ministers', '/api/portfolios', '/search.csv', '/search.jsonl', '/search.atom']) {
      assert.ok(doc.paths[p], p);
    }
  });

  test('unknown API routes are JSON 404s', async () => {
    assert.deepEqual(await json('/api/nope', 404), { error: 'no route GET /api/nope; see /api/openapi.json' });
  });
});

describe('HTML pages', () => {
  test('every page carries the Content-Security-Policy and no inline script', async () => {
    for (const url of ['/', '/search?q=roading', `/releases/${ISIL}`, '/ministers', '/ministers/Steven%20Joyce', '/portfolios', '/portfolios/Transport', '/trends?q=roading', '/about', '/nope']) {
      const res = await get(url);
      assert.equal(res.headers.get('content-security-policy'), CSP, url);
      assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
      const html = await res.text();
      assert.doesNotMatch(html, /<script(?![^>]*\ssrc=)[^>]*>/i, `${url} has an inline script`);
      assert.doesNotMatch(html, /\sstyle=/i, `${url} has an inline style`);
    }
    assert.match(CSP, /script-src 'self'/);
  });

  test('the search page shows results, facets that refine the query, paging and its twins', async () => {
    const html = await page('/search?q=roading');
    assert.match(html, /25 releases match <q>roading<\/q>; showing 1–20/);
    assert.ok(html.includes('href="/search?q=roading+minister%3A%22Phil+Twyford%22"'), 'minister facet link');
    assert.ok(html.includes('href="/search?q=roading+year%3A2015"'), 'year facet link');
    assert.ok(html.includes('href="/search?q=roading&amp;offset=20" rel="next"'), 'next page');
    assert.ok(html.includes('<link rel="alternate" type="application/json" href="/api/search?q=roading">'));
    assert.ok(html.includes('<link rel="alternate" type="application/atom+xml" href="/search.atom?q=roading"'));
    assert.match(html, /<figure class="chart bars" id="match-years" aria-labelledby="match-years-t" aria-describedby="match-years-d">/);
    assert.match(html, /<svg[^>]+aria-hidden="true" focusable="false"/, 'the drawing is hidden; its figure and table speak for it');
    assert.ok(!/<a href="[^"]*">(?:<rect)/.test(html), 'no bar is a tab stop');
    const second = await page('/search?q=roading&offset=20');
    assert.match(second, /showing 21–25/);
  });

  test('a bad query on the search page is an HTML 400 naming the fix', async () => {
    const html = await page('/search?q=from:2015-13', 400);
    assert.ok(html.includes('from:2015-13 is not a date; use YYYY, YYYY-MM or YYYY-MM-DD'));
    assert.ok(html.includes('value="from:2015-13"'), 'the query stays in the box');
    const month = await page(`/search?q=${encodeURIComponent('minister:"Jacinda Ardern" covid year:2020-03')}`, 400);
    assert.ok(month.includes('year:2020-03 is not a year; for a month write month:2020-03 (or from:2020-03 to:2020-03)'));
    assert.ok(month.includes('value="minister:&quot;Jacinda Ardern&quot; covid year:2020-03"'), 'the query stays in the box');
    assert.ok(month.includes(`<a href="/search?q=minister%3A%22Jacinda+Ardern%22+covid+month%3A2020-03">`), 'a link to the query put right');
  });

  test('month: narrows to one month', async () => {
    const all = await json('/api/search?q=roading&limit=100');
    const month = await json('/api/search?q=roading+month:2019-03&limit=100');
    const expected = all.hits.filter((h: { date: string | null }) => h.date?.startsWith('2019-03')).length;
    assert.ok(expected > 0);
    assert.equal(month.total_hits, expected);
    assert.ok(month.hits.every((h: { date: string | null }) => h.date?.startsWith('2019-03')));
  });

  test('the release page renders Markdown, links its people and marks facts', async () => {
    const html = await page(`/releases/${ISIL}`);
    assert.ok(html.includes('<h1>Prime Minister sets out New Zealand&#39;s part in the coalition against ISIL</h1>'));
    assert.ok(html.includes('<a href="/ministers/John%20Key">John Key</a>'));
    assert.ok(html.includes('<a href="/portfolios/Prime%20Minister">Prime Minister</a>'));
    assert.ok(html.includes('<table>'), 'Markdown table rendered');
    assert.ok(html.includes('href="https://www.beehive.govt.nz/release/pm-announces-contribution-coalition-against-isil"'));
    assert.ok(html.includes('Iraq deployment.pdf'), 'attachment named');
    assert.ok(html.includes(`<link rel="alternate" type="application/json" href="/api/releases/${ISIL}">`));
    const facts = (await json(`/api/releases/${ISIL}`)).facts as unknown[];
    assert.ok(facts.length > 0, 'the fixture states facts');
    facts.forEach((_, i) => assert.match(html, new RegExp(`<mark class="fact" id="fact-${i}"`), `fact ${i} marked`));
  });

  test('unknown releases, ministers, portfolios and pages are HTML 404s', async () => {
    for (const url of ['/releases/no-such-release', '/ministers/Nobody', '/portfolios/Nothing', '/no/such/page']) {
      const html = await page(url, 404);
      assert.match(html, /<h1>Not found<\/h1>/, url);
    }
  });

  test('nothing from the corpus or a query becomes live HTML', async () => {
    const html = await page(`/releases/${XSS}`);
    const body = html.slice(html.indexOf('<main'));
    assert.doesNotMatch(body, /<script/i);
    assert.doesNotMatch(body, /<img/i);
    assert.doesNotMatch(body, /<iframe/i);
    assert.doesNotMatch(body, /<b /i);
    assert.doesNotMatch(body, /href="javascript:/i);
    assert.ok(body.includes('&lt;script&gt;window.__xss = 1&lt;/script&gt;'));
    const probe = '<script>window.__xss=9</script><img src=x onerror="window.__xss=8">';
    for (const url of [`/search?q=${encodeURIComponent(probe)}`, `/trends?q=${encodeURIComponent(probe)}`, `/ministers/${encodeURIComponent(probe)}`]) {
      const res = await get(url);
      const text = await res.text();
      assert.ok(res.status < 500, url);
      assert.doesNotMatch(text.slice(text.indexOf('<main')), /<script|<img/i, url);
    }
    const search = await page(`/search?q=zebrafish`);
    assert.ok(search.includes('Probe &lt;script&gt;'));
  });

  test('ministers and portfolios pages list and profile', async () => {
    const list = await page('/ministers');
    assert.ok(list.includes('<a href="/ministers/Steven%20Joyce">Steven Joyce</a>'));
    const byName = await page('/ministers?sort=name');
    assert.ok(byName.indexOf('Gerry Brownlee') < byName.indexOf('Steven Joyce'));
    const m = await page('/ministers/Steven%20Joyce');
    assert.ok(m.includes('<h1>Steven Joyce</h1>'));
    assert.ok(m.includes('href="/ministers/Steven%20Joyce/feed.atom"'));
    const p = await page('/portfolios/Transport');
    assert.ok(p.includes('Ministers over time'));
    assert.ok(p.includes('<a href="/ministers/Phil%20Twyford">Phil Twyford</a>'));
  });

  test('the trends page draws a line per query and offers the CSV', async () => {
    const html = await page('/trends?q=roading&q=Taji');
    assert.equal((html.match(/<polyline /g) ?? []).length, 2);
    assert.ok(html.includes('href="/trends.csv?q=roading&amp;q=Taji"'));
    const bad = await page('/trends?q=roading&from=2015-13', 400);
    assert.ok(bad.includes('from=2015-13 is not a date; use YYYY, YYYY-MM or YYYY-MM-DD'));
    assert.ok((await page('/trends?q=roading&from=May', 400)).includes('from must be a date: YYYY, YYYY-MM or YYYY-MM-DD (got &quot;May&quot;)'));
    const csv = await (await get('/trends.csv?q=roading&q=Taji')).text();
    assert.equal(csv.split('\r\n')[0], 'year,releases,roading (count),roading (share),Taji (count),Taji (share)');
  });
});

describe('feeds and exports', () => {
  const entries = (xml: string) => xml.match(/<entry>[\s\S]*?<\/entry>/g) ?? [];

  test('/search.atom is an Atom feed of the newest matches', async () => {
    const res = await get('/search.atom?q=roading');
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /application\/atom\+xml/);
    const xml = await res.text();
    assert.ok(xml.startsWith('<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">'));
    for (const el of ['id', 'title', 'updated']) assert.match(xml, new RegExp(`^  <${el}>[^<]+</${el}>$`, 'm'), el);
    assert.match(xml, /<link rel="self" type="application\/atom\+xml" href="http:\/\/localhost\/search.atom\?q=roading"\/>/);
    const es = entries(xml);
    assert.equal(es.length, 25);
    for (const e of es) {
      assert.match(e, /<id>http:\/\/localhost\/releases\/[^<]+<\/id>/);
      // Undated releases carry the archive's build time: Atom requires an updated stamp.
      assert.match(e, /<updated>\d{4}-\d{2}-\d{2}T[\d:.]+Z<\/updated>/);
      assert.match(e, /<author><name>[^<]+<\/name><\/author>/);
    }
    assert.ok(es[0]!.includes('2019-'), 'newest first');
  });

  test('an Atom feed escapes what the corpus and the query hold', async () => {
    const xml = await (await get('/search.atom?q=zebrafish%20%3Cx%3E%26')).text();
    assert.doesNotMatch(xml, /<script|<img/);
    assert.ok(xml.includes('<title>Releases matching zebrafish &lt;x&gt;&amp;</title>'));
  });

  test('minister and portfolio feeds exist; unknown names are 404', async () => {
    const m = await get('/ministers/Steven%20Joyce/feed.atom');
    assert.equal(m.status, 200);
    assert.equal(entries(await m.text()).length, 11);
    assert.equal((await get('/portfolios/Transport/feed.atom')).status, 200);
    assert.equal((await get('/ministers/Nobody/feed.atom')).status, 404);
  });

  test('/search.csv streams every hit with a header row and says whether the cap was hit', async () => {
    const res = await get('/search.csv?q=roading&sort=oldest');
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /text\/csv/);
    assert.equal(res.headers.get('x-export-cap'), '10000');
    assert.equal(res.headers.get('x-export-rows'), '25');
    assert.equal(res.headers.get('x-export-truncated'), 'false');
    const lines = (await res.text()).trimEnd().split('\r\n');
    assert.equal(lines[0], CSV_COLUMNS.join(','));
    assert.equal(lines[0], 'id,date,title,ministers,portfolios,url,page,score,duplicates,snippet');
    assert.equal(lines.length, 26);
    assert.ok(lines[1]!.startsWith('2008-01-10-regional-roading-funding-1,2008-01-10,Regional roading funding round 1,Steven Joyce,'));
  });

  test('/search.jsonl streams one hit per line', async () => {
    const text = await (await get('/search.jsonl?q=roading')).text();
    const rows = text.trimEnd().split('\n').map((l) => JSON.parse(l));
    assert.equal(rows.length, 25);
    assert.ok(rows.every((r) => typeof r.id === 'string' && 'snippet' in r));
  });

  test('an export of a bad query is a 400 before any row is sent', async () => {
    assert.equal((await json('/search.csv?q=to:2015-02-30', 400)).error, 'to:2015-02-30 is not a date; use YYYY, YYYY-MM or YYYY-MM-DD');
  });
});

describe('robustness', () => {
  test('static files are served and no path escapes their folder', async () => {
    const css = await get('/static/style.css');
    assert.equal(css.status, 200);
    assert.match(css.headers.get('content-type') ?? '', /text\/css/);
    for (const url of ['/static/..%2Fapp.ts', '/static/%2e%2e%2f%2e%2e%2fpackage.json', '/static/../../package.json', '/static/..\\..\\package.json', '/static/', '/static/style.css%00.js']) {
      const res = await get(url);
      assert.equal(res.status, 404, url);
      assert.doesNotMatch(await res.text(), /"name": "pressroom"|import /);
    }
  });

  test('no input gives a 500', async () => {
    const nasty = ['"', '(', ')', '*', ':', '-', 'AND', 'OR', 'NOT', '"unbalanced', 'minister:', 'year:abc', 'year:99999', 'from:0000', 'NEAR(a b)', 'a:b:c', '\u0000', '\uFFFF', '😀', '%', "'; DROP TABLE releases; --", '^', '{}', '[', 'title:x', '-', '--', '*a*', 'portfolio:"', 'minister:"x" OR', '\\'];
    const routes = ['/search?q=', '/api/search?q=', '/search.atom?q=', '/api/trends?q=', '/trends?q=', '/search.csv?q='];
    for (const n of nasty) {
      for (const r of routes) {
        const res = await get(r + encodeURIComponent(n));
        assert.ok(res.status === 200 || res.status === 400, `${r}${JSON.stringify(n)} → ${res.status}`);
        await res.arrayBuffer();
      }
      for (const r of ['/releases/', '/api/releases/', '/ministers/', '/portfolios/', '/api/ministers/', '/api/portfolios/']) {
        const res = await get(r + encodeURIComponent(n));
        assert.ok(res.status === 404 || res.status === 200, `${r}${JSON.stringify(n)} → ${res.status}`);
      }
    }
    for (const url of ['/search?q=%E0%A4%A', '/search?q=%ZZ', '/releases/%E0%A4%A', '/search?q=a&q=b', '/search?limit=', '/api/search?offset=10000&q=roading']) {
      const res = await get(url);
      assert.ok(res.status < 500, `${url} → ${res.status}`);
    }
    assert.deepEqual(logged, []);
  });

  test('an unexpected error is logged and is a plain 500', async () => {
    const seen: unknown[] = [];
    const broken = Archive.open(path.join(dir, 'web.db'));
    const brokenApp = createApp(broken, { logError: (e) => seen.push(e) });
    broken.close();
    const res = await brokenApp.request('/api/releases/x');
    assert.equal(res.status, 500);
    assert.deepEqual(await res.json(), { error: 'Something went wrong on our side; it has been logged.' });
    assert.equal(seen.length, 1);
  });
});
