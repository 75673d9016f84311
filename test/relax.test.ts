// Relaxed matching (issue 11): when few or no releases have every word, a search shows the releases with
// most of them, says so in the JSON, the CLI and the page, and keeps quoted phrases, exclusions and
// filters strict. On a fixture archive written here, whose releases are known word by word.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { Archive, ingest, search } from '../src/index.ts';
import { compileQuery, parseQuery } from '../src/search/query/index.ts';
import { RELAX, relaxedCandidates } from '../src/search/relax.ts';
import { BM25_WEIGHTS } from '../src/search/search.ts';
import { createApp } from '../src/server/app.ts';
import { CLI } from './helpers/cli.ts';


/** id → [title, minister, body]. */
const RELEASES: Record<string, [string, string, string]> = {
  // pokies, harm, reduction; not rules.
  '2022-03-16-pokies-harm': ['Pokies harm to be cut', 'Jan Tinetti', 'New harm reduction measures will apply in every venue with pokies.'],
  // rules, harm; not pokies or reduction.
  '2022-11-17-gaming-venue-rules': ['New rules for gaming venues', 'Jan Tinetti', 'Gaming machine venues face new rules to limit harm from gambling.'],
  // pokies and rules, and casino.
  '2021-05-01-casino-rules': ['Casino rules tightened', 'Grant Robertson', 'The casino must follow new rules on pokies.'],
  // Alike but for "confirmed", a word of every budget-funding release below; and a third with "keeper" alone.
  '2018-02-01-lighthouse-plan-north': ['Lighthouse plan north', 'Phil Twyford', 'The lighthouse plan is confirmed.'],
  '2018-02-01-lighthouse-plan-south': ['Lighthouse plan south', 'Phil Twyford', 'The lighthouse plan is drafted.'],
  '2018-02-03-keeper-cottage': ['Keeper cottage', 'Phil Twyford', 'The keeper cottage opens.'],
  // None of the query's words.
  '2020-01-10-harbour-bridge': ['Harbour bridge repairs', 'Phil Twyford', 'Repairs to the harbour bridge begin next week.'],
};
// RELAX.below releases that all have "budget" and "funding", so that query finds enough with every word,
// and one with "budget" alone.
for (let i = 1; i <= RELAX.below; i++) {
  RELEASES[`2019-05-${String((i % 28) + 1).padStart(2, '0')}-budget-funding-${i}`] = [`Budget funding ${i}`, 'Grant Robertson', `Budget funding for project ${i} is confirmed.`];
}
RELEASES['2019-06-01-budget-day'] = ['Budget day', 'Grant Robertson', 'The Budget will be read on Thursday.'];

let dir: string;
let db: string;
let archive: Archive;
let app: ReturnType<typeof createApp>;

before(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'pressroom-relax-'));
  const corpus = path.join(dir, 'corpus');
  for (const [id, [title, minister, body]] of Object.entries(RELEASES)) {
    const folder = path.join(corpus, 'releases', id.slice(0, 4), id.slice(5, 7));
    mkdirSync(folder, { recursive: true });
    writeFileSync(
      path.join(folder, `${id}.md`),
      `---\ntitle: "${title}"\ndate: ${id.slice(0, 10)}\nurl: https://example.test/release/${id}\nministers:\n  - ${minister}\nportfolios:\n  - Internal Affairs\n---\n\n${body}\n`,
    );
  }
  db = path.join(dir, 'relax.db');
  await ingest({ dir: corpus, db });
  archive = Archive.open(db);
  app = createApp(archive, { logError: (e) => assert.fail(`unexpected error: ${String(e)}`) });
});

after(() => {
  archive.close();
  rmSync(dir, { recursive: true, force: true });
});

const ids = (q: string) => search(archive, q, { limit: 50 }).hits.map((h) => h.id);

describe('relaxed matching', () => {
  test('no release has all the words: the releases with most of them, the one with the most weight first, each saying what it lacks', () => {
    const r = search(archive, 'pokies harm reduction rules', { limit: 50 });
    assert.deepEqual(r.relaxed, { matched_all: 0, dropped: ['pokies', 'harm', 'reduction', 'rules'] });
    assert.equal(r.hits[0]!.id, '2022-03-16-pokies-harm');
    assert.deepEqual(r.hits[0]!.missing, ['rules']);
    assert.deepEqual(new Set(r.hits.map((h) => h.id)), new Set(['2022-03-16-pokies-harm', '2022-11-17-gaming-venue-rules', '2021-05-01-casino-rules']));
    assert.deepEqual(r.hits.find((h) => h.id === '2022-11-17-gaming-venue-rules')!.missing, ['pokies', 'reduction']);
    assert.equal(r.total, 3);
  });

  test('a few releases with every word come first, and those with most of them after', () => {
    const r = search(archive, 'pokies rules', { limit: 50 });
    assert.equal(r.relaxed?.matched_all, 1);
    assert.equal(r.hits[0]!.id, '2021-05-01-casino-rules');
    assert.equal(r.hits[0]!.missing, undefined);
    assert.equal(r.total, 3);
  });

  test('words that occur in the archive, though never together, never find nothing', () => {
    assert.deepEqual(new Set(ids('casino reduction')), new Set(['2021-05-01-casino-rules', '2022-03-16-pokies-harm']));
  });

  test('a quoted phrase, an exclusion and a filter stay strict', () => {
    assert.deepEqual(ids('"harm reduction" pokies rules'), ['2022-03-16-pokies-harm']);
    assert.ok(!ids('pokies harm reduction rules -casino').includes('2021-05-01-casino-rules'));
    assert.deepEqual(ids('pokies harm reduction rules minister:"Grant Robertson"'), ['2021-05-01-casino-rules']);
  });

  test('a common word still counts in a release\'s share: of two releases alike but for it, the one holding it scores better', () => {
    const common = RELAX.common;
    // "confirmed" (in 51 releases) becomes common: it is not searched on its own, but it still weighs.
    RELAX.common = 5;
    try {
      const r = relaxedCandidates(archive, compileQuery(parseQuery('confirmed lighthouse keeper')), BM25_WEIGHTS, () => true);
      assert.deepEqual(r.clauses.map((c) => [c.text, c.rows === undefined]), [['keeper', false], ['lighthouse', false], ['confirmed', true]]);
      const score = (id: string) => r.scores[Array.from(r.rows).indexOf(archive.rowidOf(id))]!;
      const [north, south] = [score('2018-02-01-lighthouse-plan-north'), score('2018-02-01-lighthouse-plan-south')];
      assert.ok(north < south, `the release with "confirmed" scores better (lower): ${north} against ${south}`);
    } finally {
      RELAX.common = common;
    }
  });

  test('enough releases with every word: no relaxing', () => {
    const r = search(archive, 'budget funding', { limit: 100 });
    assert.equal(r.relaxed, undefined);
    assert.equal(r.total, RELAX.below);
    assert.ok(!r.hits.some((h) => h.id === '2019-06-01-budget-day'));
    assert.ok(r.hits.every((h) => h.missing === undefined));
  });

  test('the JSON API, the page and the CLI say the words were relaxed and which were left out', async () => {
    const json = (await (await app.request('/api/search?q=pokies+harm+reduction+rules')).json()) as { relaxed: unknown; hits: { missing?: string[] }[] };
    assert.deepEqual(json.relaxed, { matched_all: 0, dropped: ['pokies', 'harm', 'reduction', 'rules'] });
    assert.deepEqual(json.hits[0]!.missing, ['rules']);
    const page = await (await app.request('/search?q=pokies+harm+reduction+rules')).text();
    assert.match(page, /No release has all of these words; showing releases with most of them\. Left out: pokies, harm, reduction, rules\./);
    assert.match(page, /Missing: <s>rules<\/s>/);
    const out = await new Promise<string>((resolve, reject) =>
      execFile(process.execPath, [CLI, 'search', 'pokies', 'harm', 'reduction', 'rules', '--db', db], { encoding: 'utf8' }, (err, stdout) => (err ? reject(err) : resolve(stdout))),
    );
    assert.match(out, /No release has all of these words; showing releases with most of them\. Left out: pokies, harm, reduction, rules\./);
    assert.match(out, /missing: rules/);
  });
});
