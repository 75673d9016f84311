// Amounts of money (issue 5): the money filter through the library, the CLI and /api/search, and the
// largest amounts through largestAmounts, `pressroom amounts`, /api/amounts and the /amounts page, on
// fixture releases whose amounts are known (test/fixtures/amounts-corpus).
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { Archive, formatAmount, formatMoney, largestAmounts, search } from '../src/index.ts';
import { CLI } from './helpers/cli.ts';
import { appFixture, type AppFixture } from './helpers/app.ts';

const CORPUS = fileURLToPath(new URL('./fixtures/amounts-corpus', import.meta.url));
const README = fileURLToPath(new URL('../README.md', import.meta.url));

const RAIL = '2020-05-14-rail-investment';
const RAIL_COPY = '2020-05-14-rail-investment-0';
const CYCLEWAY = '2020-07-02-cycleway-funding';
const SAFETY = '2020-09-21-rail-safety-review';
const HOSPITAL = '2020-09-03-hospital-buildings';
const NURSES = '2019-03-11-nurse-pilot';
const PROBE = '2019-08-20-escaping-probe';
const RECOVERY = '2021-02-10-recovery-fund';
const BILLION = '2021-06-30-even-billion';
const UNDATED = '0001-01-01-undated-billions';

let fixture: AppFixture;
let db: string;
let archive: Archive;
let app: AppFixture['app'];

before(async () => {
  fixture = await appFixture(CORPUS, 'amounts');
  ({ db, archive, app } = fixture);
});

after(() => fixture.close());

/** Every id a search selects: its hits and the copies folded into them. */
function ids(q: string, opts: Parameters<typeof search>[2] = {}): string[] {
  const r = search(archive, q, { limit: 100, ...opts });
  return r.hits.flatMap((h) => [h.id, ...h.duplicates]).sort();
}

function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [CLI, ...args, '--db', db], { encoding: 'utf8' }, (err, stdout, stderr) => {
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr });
    });
  });
}

describe('the money filter', () => {
  const cases: [string, string[]][] = [
    ['money>100m', [BILLION, HOSPITAL, PROBE, RAIL, RAIL_COPY, RECOVERY, UNDATED]],
    ['money>1b', [PROBE, RAIL, RAIL_COPY, RECOVERY, UNDATED]],
    ['money>=1b', [BILLION, PROBE, RAIL, RAIL_COPY, RECOVERY, UNDATED]],
    ['money:1b', [BILLION]],
    ['money:1 billion', [BILLION]],
    ['money>1.5 billion', [PROBE, RECOVERY, UNDATED]],
    ['money:1m..10m', [CYCLEWAY]],
    // A range counts as its top: $2–3 million is 3 million.
    ['money:2.5m..5m', [CYCLEWAY]],
    ['money<2.5m', [NURSES]],
    ['money<100k', [NURSES]],
    // Rates ($28.50 and $45 an hour) are never amounts.
    ['money<1k', []],
    ['money:28.50', []],
    // The US$5 billion is a global fund's size, not money announced: only every figure counts it.
    ['money>usd1b', []],
    ['money>US$1b', []],
    ['money>a$1m', [BILLION]],
    ['money>1m money<1b', [CYCLEWAY, HOSPITAL, RAIL, RAIL_COPY]],
    ['money>1b rail', [RAIL, RAIL_COPY]],
    ['rail -money>1m', [RAIL, RAIL_COPY, SAFETY]],
    ['money>100m portfolio:Health', [HOSPITAL, PROBE]],
    ['money>100m year:2020', [HOSPITAL, RAIL, RAIL_COPY]],
    ['money>100m minister:"Grant Robertson" from:2021-03', [BILLION]],
    ['money>1b -recovery', [PROBE, RAIL, RAIL_COPY, UNDATED]],
  ];
  for (const [q, expected] of cases) {
    test(`${q} selects ${expected.length} releases`, () => {
      assert.deepEqual(ids(q), [...expected].sort());
      assert.equal(search(archive, q).total, expected.length, 'total counts copies too');
    });
  }

  test('every figure, announced or not, counts when the search asks for all amounts', () => {
    assert.deepEqual(ids('money>usd1b', { amounts: 'all' }), [HOSPITAL]);
    const [hospital] = search(archive, 'money>US$1b', { amounts: 'all' }).hits;
    assert.deepEqual(hospital!.amounts!.map((a) => [a.text, a.class]), [['US$5 billion', 'other']]);
  });

  test('a query of only a money filter lists everything it selects, newest first, undated last', () => {
    const r = search(archive, 'money>100m', { limit: 100 });
    assert.deepEqual(r.hits.map((h) => h.id), [BILLION, RECOVERY, HOSPITAL, RAIL, PROBE, UNDATED]);
    assert.deepEqual(r.hits[3]!.duplicates, [RAIL_COPY]);
  });

  test('facets, sort and paging work over a money filter', () => {
    const r = search(archive, 'money>100m', { limit: 2, offset: 2, sort: 'oldest' });
    assert.equal(r.total, 7);
    assert.deepEqual(r.facets.year, { '2019': 1, '2020': 3, '2021': 2, undated: 1 }, 'the undated billions count under "undated": the years add up to the total');
    assert.equal(r.facets.portfolio.Finance, 3);
    assert.deepEqual(r.hits.map((h) => h.id), [HOSPITAL, RECOVERY]);
  });

  test('each hit shows the amounts it matched, largest first, a repeated figure once, with the fact to link to', () => {
    const [recovery] = search(archive, `money>1b fund minister:"Grant Robertson" year:2021`).hits;
    assert.equal(recovery!.id, RECOVERY);
    assert.deepEqual(recovery!.amounts, [{ value: 50e9, currency: 'NZD', text: '$50 billion', start: 4, end: 15, fact: 0, class: 'announced' }]);
    const facts = archive.release(RAIL).facts;
    const [rail] = search(archive, 'money>100m rail').hits;
    assert.deepEqual(rail!.amounts!.map((a) => a.text), ['$1.2 billion', '$300 million']);
    for (const a of rail!.amounts!) assert.equal(facts[a.fact]!.text, a.text);
    const [cycleway] = search(archive, 'money:2.5m..5m').hits;
    assert.deepEqual(cycleway!.amounts, [{ value: 2e6, value_max: 3e6, currency: 'NZD', qualifier: 'a further', text: 'A further $2–3 million', start: 0, end: 22, fact: 0, class: 'announced' }]);
  });

  test('a hit with no words to snippet shows the sentence that states its amount', () => {
    const [rail] = search(archive, 'money>1b year:2020').hits;
    assert.equal(rail!.snippet, 'The Government will invest <mark>$1.2 billion</mark> in rail over four years, including $300 million for new wagons.');
    const [probe] = search(archive, 'money:40b').hits;
    assert.equal(probe!.snippet, 'A &lt;b onmouseover=&quot;window.pwned = 2&quot;&gt;claimed&lt;/b&gt; &lt;script&gt;window.pwned = 3&lt;/script&gt; health fund of <mark>$40 billion</mark> is a test of escaping &amp; marking.');
  });

  test('queries without a money filter have no amounts field', () => {
    const [hit] = search(archive, 'rail').hits;
    assert.equal('amounts' in hit!, false);
  });
});

describe('the largest amounts', () => {
  test('are listed largest first, rates left out, copies and repeats once, undated included', () => {
    const r = largestAmounts(archive);
    assert.deepEqual(
      r.amounts.map((a) => [a.text, a.release.id]),
      [
        ['$50 billion', RECOVERY],
        ['$40 billion', PROBE],
        ['$2 billion', UNDATED],
        ['$1.2 billion', RAIL],
        ['$1 billion', BILLION],
        ['$750 million', HOSPITAL],
        ['$300 million', RAIL],
        ['A further $2–3 million', CYCLEWAY],
        ['$50,000', NURSES],
      ],
    );
    assert.equal(r.total, 9);
    assert.deepEqual(r.amounts[3]!.release.duplicates, [RAIL_COPY]);
    assert.deepEqual(r.per_year.map((y) => [y.year, y.amounts, y.largest.text]), [
      [2019, 2, '$40 billion'],
      [2020, 4, '$1.2 billion'],
      [2021, 2, '$50 billion'],
    ]);
  });

  test('narrow to a portfolio (any case) and a year, and page', () => {
    const r = largestAmounts(archive, { portfolio: 'health', year: 2020 });
    assert.equal(r.portfolio, 'Health');
    assert.deepEqual(r.amounts.map((a) => a.text), ['$750 million']);
    const page = largestAmounts(archive, { year: 2020, limit: 2, offset: 1 });
    assert.equal(page.total, 4);
    assert.deepEqual(page.amounts.map((a) => a.text), ['$750 million', '$300 million']);
    assert.deepEqual(largestAmounts(archive, { currency: 'usd' }).amounts.map((a) => a.text), [], 'a fund\'s size is no money announced');
    const usd = largestAmounts(archive, { currency: 'usd', kind: 'other' });
    assert.deepEqual(usd.amounts.map((a) => [a.text, a.class]), [['US$5 billion', 'other']]);
    assert.deepEqual(usd.classes, { announced: 0, other: 1, implausible: 0 });
    assert.deepEqual(largestAmounts(archive, { currency: 'usd', kind: 'all' }).amounts.map((a) => a.text), ['US$5 billion']);
    assert.equal(largestAmounts(archive, { portfolio: 'Transport', year: 1999 }).total, 0);
  });

  test('an unknown portfolio is a NotFoundError that points to the list', () => {
    assert.throws(() => largestAmounts(archive, { portfolio: 'Nope' }), { name: 'NotFoundError', message: 'no portfolio named "Nope"; see /portfolios for the list' });
  });

  test('amounts are written as people write them', () => {
    assert.equal(formatMoney(1.5e9), '$1.5 billion');
    assert.equal(formatMoney(28.5), '$28.50');
    assert.equal(formatMoney(50_000), '$50,000');
    assert.equal(formatMoney(5e9, 'USD'), 'US$5 billion');
    assert.equal(formatAmount({ value: 2e6, value_max: 3e6, currency: 'NZD', qualifier: 'a further' }), 'a further $2–3 million');
    assert.equal(formatAmount({ value: 500e3, value_max: 2e6 }), '$500,000–$2 million');
  });
});

describe('the CLI', () => {
  test('search --json with a money filter is the library answer', async () => {
    const run = await cli('search', 'money>1b', '--json', '--limit', '100');
    assert.equal(run.code, 0, run.stderr);
    const r = JSON.parse(run.stdout);
    assert.equal(r.total, 5);
    assert.deepEqual(r.hits.map((h: { id: string }) => h.id), search(archive, 'money>1b', { limit: 100 }).hits.map((h) => h.id));
  });

  test('an impossible amount exits 2 with a one-line reason', async () => {
    const run = await cli('search', 'money>abc');
    assert.equal(run.code, 2);
    assert.equal(run.stderr, 'pressroom: money>abc is not an amount; write a number with an optional k, m or b, e.g. money>100m, money>=1.5b or money:1m..10m\n');
    assert.equal(run.stdout, '');
  });

  test('amounts lists the largest, and --json is the same object as the library gives', async () => {
    const plain = await cli('amounts', '--portfolio', 'Transport', '--limit', '2');
    assert.equal(plain.code, 0, plain.stderr);
    assert.match(plain.stdout, /^3 amounts \(Transport · every year · NZD\), largest first; showing 1–2\n/);
    assert.match(plain.stdout, /\n1\. \$1\.2 billion {2}“\$1\.2 billion”\n {3}Rail network gets a major upgrade\n {3}2020-05-14 · Phil Twyford · 2020-05-14-rail-investment\n/);
    const json = await cli('amounts', '--year', '2020', '--json');
    const r = JSON.parse(json.stdout);
    const lib = largestAmounts(archive, { year: 2020 });
    assert.deepEqual({ ...r, took_ms: 0 }, { ...lib, took_ms: 0 });
  });

  test('amounts rejects a bad year or currency with exit 2, and an unknown portfolio with exit 1', async () => {
    assert.deepEqual(await cli('amounts', '--year', '20x'), { code: 2, stdout: '', stderr: 'pressroom: --year must be four digits, e.g. --year 2020, not "20x"\n' });
    assert.deepEqual(await cli('amounts', '--currency', 'dollars'), { code: 2, stdout: '', stderr: 'pressroom: --currency must be a three-letter code such as NZD or USD, not "dollars"\n' });
    assert.deepEqual(await cli('amounts', '--portfolio', 'Nope'), { code: 1, stdout: '', stderr: 'pressroom: no portfolio named "Nope"; see /portfolios for the list\n' });
  });
});

describe('HTTP', () => {
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

  test('/api/search takes money filters, and hits carry the amounts they matched', async () => {
    const r = await json('/api/search?q=money%3E100m+portfolio%3AHealth');
    assert.equal(r.total, 2);
    assert.deepEqual(r.hits.map((h: { id: string }) => h.id), [HOSPITAL, PROBE]);
    assert.deepEqual(r.hits[0].amounts.map((a: { text: string }) => a.text), ['$750 million']);
  });

  test('/api/amounts returns the largest amounts with their releases', async () => {
    const r = await json('/api/amounts?portfolio=Transport&year=2020&limit=2');
    assert.deepEqual(Object.keys(r).sort(), ['amounts', 'classes', 'currency', 'kind', 'limit', 'offset', 'per_year', 'portfolio', 'took_ms', 'total', 'year']);
    assert.equal(r.portfolio, 'Transport');
    assert.equal(r.year, 2020);
    assert.equal(r.total, 3);
    assert.deepEqual(r.amounts[0], {
      value: 1.2e9,
      currency: 'NZD',
      text: '$1.2 billion',
      start: 27,
      end: 39,
      fact: 0,
      class: 'announced',
      snippet: 'The Government will invest <mark>$1.2 billion</mark> in rail over four years, including $300 million for new wagons.',
      release: {
        id: RAIL,
        title: 'Rail network gets a major upgrade',
        date: '2020-05-14',
        url: 'https://www.beehive.govt.nz/release/rail-investment',
        ministers: ['Phil Twyford'],
        portfolios: ['Transport'],
        duplicates: [RAIL_COPY],
      },
    });
    assert.equal((await json('/api/amounts?currency=aud')).amounts[0].text, 'A$20 million');
  });

  test('bad /api/amounts parameters are 400s that say what to change; an unknown portfolio is a 404', async () => {
    const cases: [string, string][] = [
      ['/api/amounts?year=20x', 'year must be four digits, e.g. 2020 (got "20x")'],
      ['/api/amounts?currency=dollars', 'currency must be one of NZD, USD, AUD, CAD, HKD, SGD, FJD, EUR, GBP, JPY (got "dollars")'],
      ['/api/amounts?limit=0', 'limit must be at least 1 (got "0")'],
      ['/api/amounts?limit=101', 'limit must be at most 100 (got "101")'],
      ['/api/amounts?offset=x', 'offset must be a whole number from 0 to 10000 (got "x")'],
      [`/api/amounts?portfolio=${'x'.repeat(201)}`, 'portfolio must be at most 200 characters; use a name from /portfolios'],
    ];
    for (const [url, error] of cases) {
      const body = await json(url, 400);
      assert.equal(body.error.startsWith(error) ? error : body.error, error, url);
    }
    assert.deepEqual(await json('/api/amounts?portfolio=Nope', 404), { error: 'no portfolio named "Nope"; see /portfolios for the list' });
  });

  test('an impossible amount in a search is a 400 saying what to write, as JSON and as a page', async () => {
    assert.deepEqual(await json('/api/search?q=money%3Eabc', 400), {
      error: 'money>abc is not an amount; write a number with an optional k, m or b, e.g. money>100m, money>=1.5b or money:1m..10m',
    });
    const html = await page('/search?q=money%3E10m+money%3C1m', 400);
    assert.ok(html.includes('money&gt;10m and money&lt;1m have no amount in common; remove one of them'));
  });

  test('/amounts renders the table with escaped corpus text, selectors, year links and its JSON twin', async () => {
    const res = await get('/amounts');
    assert.equal(res.headers.get('link'), '</api/amounts>; rel="alternate"; type="application/json"');
    const html = await res.text();
    assert.ok(html.includes('<link rel="alternate" type="application/json" href="/api/amounts">'));
    assert.ok(html.includes('<a href="/amounts" aria-current="page">Amounts</a>'), 'the navigation marks the section');
    assert.ok(html.includes('<select id="a-portfolio" name="portfolio"><option value="">All portfolios</option>'));
    assert.ok(html.includes('<option>Transport</option>'));
    assert.ok(html.includes('<a href="/amounts?year=2019">2019</a>'));
    assert.ok(html.includes(`<a href="/releases/${RAIL}#fact-0">Rail network gets a major upgrade</a>`));
    assert.ok(html.includes('<th scope="row" class="num amount">$1.2 billion</th>'));
    assert.ok(html.includes('A &lt;b onmouseover=&quot;window.pwned = 2&quot;&gt;claimed&lt;/b&gt; &lt;script&gt;window.pwned = 3&lt;/script&gt; health fund of <mark>$40 billion</mark>'));
    assert.ok(html.includes('Probe &lt;script&gt;window.pwned = 1&lt;/script&gt; amounts'));
    assert.doesNotMatch(html, /<script(?![^>]*\ssrc=)[^>]*>/i, 'no inline or injected script');
    assert.doesNotMatch(html, /<[^>]*\s(?:style|onmouseover)=/i, 'no inline style, no live attribute from the corpus');
    assert.equal(html.match(/<tr>\s*<td class="num rank">/g)?.length, 9, 'nine amounts, the copy and the repeat left out');
    assert.ok(html.includes('The largest amount of each year'));
  });

  test('/amounts narrows by portfolio and year, keeps the selection in the form, and 404s an unknown portfolio', async () => {
    const html = await page('/amounts?portfolio=Health&year=2020');
    assert.ok(html.includes('<title>Largest amounts announced: Health, 2020 · pressroom</title>'));
    assert.ok(html.includes('<option selected>Health</option>'));
    assert.ok(html.includes('<option selected>2020</option>'));
    assert.ok(html.includes('1 amount; showing 1–1.'));
    assert.ok(!html.includes('The largest amount of each year'));
    assert.ok((await page('/amounts?portfolio=Nope', 404)).includes('no portfolio named &quot;Nope&quot;'));
    assert.ok((await page('/amounts?year=abc', 400)).includes('year must be four digits, e.g. 2020'));
    assert.ok((await page('/amounts?portfolio=Transport&year=1999')).includes('No release in Transport from 1999 states an amount in NZD.'));
  });

  test('search hits link each matched amount to its place in the release, and portfolio pages link to their amounts', async () => {
    const html = await page('/search?q=money%3E100m+rail');
    assert.ok(html.includes(`<a href="/releases/${RAIL}#fact-0" title="$1.2 billion">$1.2 billion</a>, <a href="/releases/${RAIL}#fact-2" title="$300 million">$300 million</a>`));
    const release = await page(`/releases/${RAIL}`);
    assert.ok(release.includes('id="fact-0"'), 'the release page has the anchor the link points to');
    assert.ok((await page('/portfolios/Transport')).includes('<a href="/amounts?portfolio=Transport">Largest amounts announced</a>'));
  });

  test('the OpenAPI document describes /api/amounts', async () => {
    const doc = await json('/api/openapi.json');
    assert.deepEqual(doc.paths['/api/amounts'].get.parameters.map((p: { name: string }) => p.name), ['portfolio', 'year', 'currency', 'kind', 'limit', 'offset']);
  });
});

test('the README documents the money filter, the endpoint, the page and the command', () => {
  const readme = readFileSync(README, 'utf8');
  for (const s of ['`money>100m`', '`money:1m..10m`', 'GET /api/amounts', '`/amounts?portfolio=&year=', '### `pressroom amounts']) assert.ok(readme.includes(s), `README lacks ${s}`);
});
