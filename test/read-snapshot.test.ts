// Each request reads one snapshot of the archive: an ingest that commits while a request runs shows in
// the next request, never in the second half of this one.
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { Archive, ingest, NotFoundError, search } from '../src/index.ts';
import { SHARED_SNAPSHOT_MS } from '../src/search/archive.ts';
import { createApp } from '../src/server/app.ts';
import { inlineRunner, type Runner } from '../src/server/pool.ts';

const FIXTURES = fileURLToPath(new URL('./fixtures/web-corpus', import.meta.url));

let dir: string;
let corpus: string;
let db: string;

before(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'pressroom-snapshot-'));
  corpus = path.join(dir, 'corpus');
  cpSync(FIXTURES, corpus, { recursive: true });
  db = path.join(dir, 'web.db');
  await ingest({ dir: corpus, db });
});

after(() => rmSync(dir, { recursive: true, force: true }));

/** Adds a release mentioning Taji to the corpus and ingests it in place. */
async function ingestOneMore(id: string): Promise<void> {
  mkdirSync(path.join(corpus, 'releases/2026/11'), { recursive: true });
  writeFileSync(
    path.join(corpus, `releases/2026/11/${id}.md`),
    `---\ntitle: "Taji report ${id}"\ndate: 2026-11-${id.slice(-2)}\nurl: https://www.beehive.govt.nz/release/${id}\nministers:\n  - Hon Jane Shipwright\nportfolios:\n  - Defence\n---\n\nThe Taji report is released today.\n`,
  );
  const s = await ingest({ dir: corpus, db });
  assert.equal(s.ingested, 1, 'the ingest added the release');
}

test('inside one hold the archive keeps the data it had when the hold began, though an ingest commits meanwhile', async () => {
  const archive = Archive.open(db);
  try {
    const release = archive.hold();
    const before = search(archive, 'Taji').total;
    await ingestOneMore('snapshot-hold-21');
    assert.equal(search(archive, 'Taji').total, before, 'the same statement reads the same snapshot after the commit');
    assert.throws(() => archive.release('snapshot-hold-21'), NotFoundError);
    release();
    const again = archive.hold();
    assert.equal(search(archive, 'Taji').total, before + 1, 'the next snapshot has the new release');
    assert.equal(archive.release('snapshot-hold-21').title, 'Taji report snapshot-hold-21');
    again();
  } finally {
    archive.close();
  }
});

test('a request during which an ingest commits answers wholly from the archive as it was, and the next one from the new', async () => {
  const archive = Archive.open(db);
  const logged: unknown[] = [];
  const inline = inlineRunner(archive);
  let ingestNext: string | undefined;
  // Between the request's first reads (query checks, caches) and its search, an ingest commits.
  const runner: Runner = {
    ...inline,
    run: async (job, budget) => {
      if (ingestNext) {
        const id = ingestNext;
        ingestNext = undefined;
        await ingestOneMore(id);
      }
      return inline.run(job, budget);
    },
  };
  const app = createApp(archive, { runner, logError: (e) => logged.push(e) });
  try {
    const total = async (url: string) => {
      const res = await app.request(url);
      assert.equal(res.status, 200, `${url} → ${res.status}: ${logged.map(String).join('; ')}`);
      return ((await res.json()) as { total: number; hits: { id: string }[] });
    };
    const before = (await total('/api/search?q=Taji&sort=newest')).total;

    ingestNext = 'snapshot-request-22';
    const during = await total('/api/search?q=Taji&sort=relevance');
    assert.equal(during.total, before, 'the search in the request did not see the release committed during it');
    assert.ok(!during.hits.some((h) => h.id === 'snapshot-request-22'), 'no hit from the newer generation');

    ingestNext = 'snapshot-request-23';
    const page = await app.request('/search?q=Taji+report&sort=newest');
    assert.equal(page.status, 200, `the search page answers, not 500: ${logged.map(String).join('; ')}`);
    assert.doesNotMatch(await page.text(), /snapshot-request-23/, 'the page is from the snapshot the request began with');

    const after = await total('/api/search?q=Taji&sort=newest');
    assert.equal(after.total, before + 2, 'the next request sees both new releases');
    assert.equal(after.hits[0]!.id, 'snapshot-request-23');
    assert.deepEqual(logged, []);
  } finally {
    archive.close();
  }
});

test('overlapping requests share a snapshot past its age while the file is unchanged, and wait for a fresh one once an ingest commits', { timeout: 20_000 }, async () => {
  const archive = Archive.open(db);
  try {
    let finishLong!: () => void;
    const long = archive.reading(() => new Promise<void>((r) => (finishLong = r)));
    await new Promise((r) => setTimeout(r, SHARED_SNAPSHOT_MS + 100));
    let joined = false;
    await archive.reading(async () => {
      joined = true;
    });
    assert.ok(joined, 'a request on an unchanged archive joins the old snapshot at once, however long it has been open');
    const before = search(archive, 'Taji').total;
    await ingestOneMore('snapshot-wait-23');
    let fresh: number | undefined;
    const waiting = archive.reading(async () => {
      fresh = search(archive, 'Taji').total;
    });
    await new Promise((r) => setTimeout(r, 50));
    assert.equal(fresh, undefined, 'after a commit, a new request waits for the old snapshot to end');
    finishLong();
    await Promise.all([long, waiting]);
    assert.equal(fresh, before + 1, 'and then reads the new data');
  } finally {
    archive.close();
  }
});
