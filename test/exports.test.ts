// Exports and their links on the search page, in-process over the web fixture.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { Archive, search } from '../src/index.ts';
import { csvField, exportFilename } from '../src/server/export.ts';
import { searchPage } from '../src/web/pages/search.ts';
import { appFixture, type AppFixture } from './helpers/app.ts';

const CORPUS = fileURLToPath(new URL('./fixtures/web-corpus', import.meta.url));
let fixture: AppFixture;
let archive: Archive;
let app: AppFixture['app'];

before(async () => {
  fixture = await appFixture(CORPUS, 'exports');
  ({ archive, app } = fixture);
});

after(() => fixture.close());

describe('exports', () => {
  test('text that a spreadsheet would run as a formula gets a quote, a leading - included; numbers stay numbers', () => {
    assert.equal(csvField('-2+3'), "'-2+3");
    assert.equal(csvField('=HYPERLINK("x")'), `"'=HYPERLINK(""x"")"`);
    assert.equal(csvField('@SUM(A1)'), "'@SUM(A1)");
    assert.equal(csvField(-1.5), '-1.5');
    assert.equal(csvField('Taji'), 'Taji');
  });

  test('the file is named after the query', () => {
    assert.equal(exportFilename('Kaikōura quake year:2016', 'csv'), 'pressroom-kaikoura-quake-year-2016.csv');
    assert.equal(exportFilename('"<script>"', 'jsonl'), 'pressroom-script.jsonl');
    assert.equal(exportFilename('', 'csv'), 'pressroom-all.csv');
    assert.equal(exportFilename('a'.repeat(300), 'csv').length, 'pressroom-.csv'.length + 60);
  });

  test('JSON Lines with ?columns=body,amounts: every hit of the search, each with its body and amounts', async () => {
    const res = await app.request('/search.jsonl?q=roading&columns=body,amounts');
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-disposition'), 'attachment; filename="pressroom-roading.jsonl"');
    const rows = (await res.text()).trim().split('\n').map((l) => JSON.parse(l));
    assert.equal(rows.length, search(archive, 'roading').total_hits);
    assert.equal(String(rows.length), res.headers.get('x-export-rows'));
    for (const r of rows) {
      assert.equal(r.body, archive.release(r.id).body);
      assert.ok(Array.isArray(r.amounts));
    }
  });

  test('the search page offers exports only when something matches, and says when the cap cuts them', async () => {
    const some = await (await app.request('/search?q=roading')).text();
    assert.match(some, /href="\/search\.csv\?q=roading"/);
    const none = await (await app.request('/search?q=zzyzx')).text();
    assert.doesNotMatch(none, /search\.csv|search\.jsonl/);
    const r = search(archive, 'roading');
    const capped = String(searchPage({ ...r, total: 36_572, total_hits: 36_572 }, { q: 'roading' }));
    assert.match(capped, /hold the first 10,000 of the 36,572 results; narrow the query for the rest/);
    assert.doesNotMatch(some, /hold the first/);
  });
});
