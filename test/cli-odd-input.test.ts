// Odd queries through the real CLI (`bin/pressroom.js`) and the HTTP app: no crash, no error exit, no live
// HTML, and the same answer from every surface. DESIGN: "Unbalanced quotes, stray operators and FTS5 syntax
// characters are text, never an error. Only an impossible filter is a bad query."
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { Archive, ingest } from '../src/index.ts';
import { createApp } from '../src/server/app.ts';

const CLI = fileURLToPath(new URL('../bin/pressroom.js', import.meta.url));
const CORPUS = fileURLToPath(new URL('./fixtures/corpus', import.meta.url));
const WEB_CORPUS = fileURLToPath(new URL('./fixtures/web-corpus', import.meta.url));
const UNDATED = '0001-01-01-date-unknown';
const XSS = '2016-05-05-xss-probe';

/** 3,000 characters of words, tags, quotes and operators: 192 of them, past the limit of 40 (README "Limits"). */
const LONG = 'Taji <b>mission</b> "unbalanced OR -( training* NEAR/3 '.repeat(60).slice(0, 3000);
/** The same mix, cut to 20 words and operators. */
const MIXED = LONG.slice(0, 330);
const ODD = [
  '"unbalanced',
  'AND OR NOT',
  '(((',
  '*',
  'NEAR(a b)',
  'a:b:c',
  "'; DROP TABLE releases; --",
  '<script>',
  '<script>alert(1)</script> mission',
  '\u001b]0;retitled\u0007 mission',
  MIXED,
];

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function cli(...args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, [CLI, ...args], { encoding: 'utf8', maxBuffer: 16 << 20 }, (err, stdout, stderr) => {
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr });
    });
  });
}

/** What a snippet holds once its `<mark>` tags are taken out: no tag at all. */
const untagged = (snippet: string) => snippet.replace(/<\/?mark>/g, '');

/** Sum of the year facets, "undated" among them when an undated release matches: what `total` must be. */
function yearsPlusUndated(r: { facets: { year: Record<string, number> }; hits: { id: string; duplicates: string[] }[] }): number {
  const listed = r.hits.flatMap((h) => [h.id, ...h.duplicates]);
  assert.equal(r.facets.year.undated, listed.includes(UNDATED) ? 1 : undefined, 'the undated release counts under "undated"');
  return Object.values(r.facets.year).reduce((a, b) => a + b, 0);
}

let dir: string;
let db: string;
let webDb: string;
let archive: Archive;
let app: ReturnType<typeof createApp>;
const logged: unknown[] = [];

before(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'pressroom-odd-'));
  db = path.join(dir, 'fixture.db');
  webDb = path.join(dir, 'web.db');
  await ingest({ dir: CORPUS, db });
  await ingest({ dir: WEB_CORPUS, db: webDb });
  archive = Archive.open(db);
  app = createApp(archive, { logError: (e) => logged.push(e) });
});

after(() => {
  archive.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('pressroom search, given odd input', () => {
  const runs = new Map<string, { plain: Run; json: Run }>();
  before(async () => {
    await Promise.all(
      ODD.map(async (q) => {
        const [plain, json] = await Promise.all([cli('search', q, '--db', db), cli('search', q, '--db', db, '--json')]);
        runs.set(q, { plain, json });
      }),
    );
  });

  test('exits 0 with nothing on stderr, plain and --json', () => {
    for (const q of ODD) {
      const { plain, json } = runs.get(q)!;
      assert.deepEqual([plain.code, plain.stderr], [0, ''], `plain: ${JSON.stringify(q)}`);
      assert.deepEqual([json.code, json.stderr], [0, ''], `--json: ${JSON.stringify(q)}`);
    }
  });

  test('--json prints results or an empty list, echoes the query and counts every match', () => {
    for (const q of ODD) {
      const r = JSON.parse(runs.get(q)!.json.stdout);
      assert.equal(r.query, q);
      assert.ok(Array.isArray(r.hits), q);
      assert.equal(r.hits.length === 0, r.total === 0, `hits and total agree on emptiness: ${JSON.stringify(q)}`);
      assert.equal(yearsPlusUndated(r), r.total, `year facets + undated = total: ${JSON.stringify(q)}`);
    }
    // Operators and syntax characters alone leave no word: the query browses everything.
    assert.equal(JSON.parse(runs.get('(((')!.json.stdout).total, 7);
    // No release has all of script, alert, 1 and mission: the ones with mission, relaxed, the tags still words.
    const tagged = JSON.parse(runs.get('<script>alert(1)</script> mission')!.json.stdout);
    assert.deepEqual([tagged.total, tagged.relaxed.matched_all, tagged.relaxed.dropped], [3, 0, ['script alert', '1', 'script']]);
  });

  test('--json holds no live HTML: every < and > is escaped, and snippets hold no tag but <mark>', () => {
    for (const q of ODD) {
      const { stdout } = runs.get(q)!.json;
      assert.doesNotMatch(stdout, /[<>]/, JSON.stringify(q));
      for (const h of JSON.parse(stdout).hits) assert.doesNotMatch(untagged(h.snippet), /[<>]/, h.id);
    }
    assert.ok(runs.get('<script>')!.json.stdout.includes('"query": "\\u003cscript\\u003e"'));
  });

  test('plain output is text: a count line and numbered hits, no tags or entities, no control characters', () => {
    for (const q of ODD) {
      const { stdout } = runs.get(q)!.plain;
      const r = JSON.parse(runs.get(q)!.json.stdout);
      const head = /^(\d[\d,]*) releases? match(?:es)? "/.exec(stdout);
      assert.ok(head, `count line: ${stdout.slice(0, 80)}`);
      assert.equal(Number(head[1]!.replace(/,/g, '')), r.total, JSON.stringify(q));
      assert.equal(stdout.match(/^\d+\. /gm)?.length ?? 0, r.hits.length, JSON.stringify(q));
      assert.doesNotMatch(stdout, /<\/?mark>|&(?:lt|gt|amp|quot|#39);/, JSON.stringify(q));
      assert.doesNotMatch(stdout, /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/, JSON.stringify(q));
    }
    assert.ok(runs.get('\u001b]0;retitled\u0007 mission')!.plain.stdout.includes('"\\u001b]0;retitled\\u0007 mission"'));
  });

  test('an impossible filter is the one bad query: exit 2 and a one-line reason', async () => {
    const r = await cli('search', 'Taji from:2015-13', '--db', db);
    assert.equal(r.code, 2);
    assert.equal(r.stdout, '');
    assert.equal(r.stderr, 'pressroom: from:2015-13 is not a date; use YYYY, YYYY-MM or YYYY-MM-DD\n');
  });
});

test('a query of more than 40 words and operators exits 2 with the count and what to do', async () => {
  const r = await cli('search', LONG, '--db', db);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /the query has 192 words and operators; use at most 40/);
});

describe('pressroom search, sorted and marked', () => {
  const dates = (stdout: string) => (JSON.parse(stdout).hits as { date: string | null }[]).map((h) => h.date);

  test('--sort newest lists the newest first and undated releases last; --sort oldest the reverse', async () => {
    const [newest, oldest] = await Promise.all([
      cli('search', '*', '--sort', 'newest', '--json', '--db', db),
      cli('search', '*', '--sort', 'oldest', '--json', '--db', db),
    ]);
    assert.deepEqual(dates(newest.stdout), ['2020-06-09', '2016-11-15', '2015-03-10', '2015-02-24', '2009-05-01', null]);
    assert.deepEqual(dates(oldest.stdout), ['2009-05-01', '2015-02-24', '2015-03-10', '2016-11-15', '2020-06-09', null]);
  });

  test('snippets mark the matched words and escape the HTML a release holds', async () => {
    const r = JSON.parse((await cli('search', 'escaping', '--json', '--db', webDb)).stdout);
    const hit = r.hits.find((h: { id: string }) => h.id === XSS);
    assert.ok(hit, 'the probe release is found');
    assert.match(hit.snippet, /<mark>escaping<\/mark>/);
    assert.ok(hit.snippet.includes('&lt;script'), hit.snippet);
    assert.doesNotMatch(untagged(hit.snippet), /[<>]/);
    // The title is data, not HTML: the JSON carries it as written, and the web page escapes it.
    assert.ok(hit.title.startsWith('Probe <script>'));
  });
});

describe('/api/search and /search, given odd input', () => {
  test('answer 200 with the same total as the CLI, and never put the query into the page as HTML', async () => {
    const cliTotals = new Map(
      await Promise.all(ODD.map(async (q) => [q, JSON.parse((await cli('search', q, '--json', '--db', db)).stdout).total] as const)),
    );
    for (const [q, total] of cliTotals) {
      const api = await app.request(`/api/search?q=${encodeURIComponent(q)}`);
      assert.equal(api.status, 200, JSON.stringify(q));
      assert.equal((await api.json()).total, total, JSON.stringify(q));
      const page = await app.request(`/search?q=${encodeURIComponent(q)}`);
      assert.equal(page.status, 200, JSON.stringify(q));
      const html = await page.text();
      // The page's own script is its one <script> tag; the query only ever shows escaped.
      assert.deepEqual(html.match(/<script[^>]*>/g), ['<script src="/static/app.js" defer>'], JSON.stringify(q));
      if (q.includes('<script>')) assert.ok(html.includes('&lt;script&gt;'), JSON.stringify(q));
      if (q.includes('<b>')) assert.ok(html.includes('&lt;b&gt;mission') && !html.includes('<b>mission'), JSON.stringify(q));
    }
    assert.deepEqual(logged, [], 'no error reached the 500 handler');
  });

  test('a query past 5,000 characters is a 400 that says to shorten it, on the API and the page; never a 500', async () => {
    const tooLong = LONG.repeat(2);
    const api = await app.request(`/api/search?q=${encodeURIComponent(tooLong)}`);
    assert.equal(api.status, 400);
    assert.match((await api.json()).error, /^q must be at most 5000 characters; shorten the query/);
    const page = await app.request(`/search?q=${encodeURIComponent(tooLong)}`);
    assert.equal(page.status, 400);
    assert.doesNotMatch(await page.text(), /<b>mission<\/b>/);
  });
});
