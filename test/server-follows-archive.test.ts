// A running server follows its archive: an ingest in place, or a rebuild renamed over the file, shows
// on the next request, with no stale answer and no 500.
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { Archive, ingest } from '../src/index.ts';
import { createApp } from '../src/server/app.ts';

const FIXTURES = fileURLToPath(new URL('./fixtures/web-corpus', import.meta.url));
const NEW_ID = '2026-11-30-zephyrine-shipyard-opens';
const CHANGED = 'releases/2020/06/2020-06-09-taji-mission-ends.md';

let dir: string;
let corpus: string;
let db: string;
let archive: Archive;
let app: ReturnType<typeof createApp>;
const logged: unknown[] = [];

before(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'pressroom-follow-'));
  corpus = path.join(dir, 'corpus');
  cpSync(FIXTURES, corpus, { recursive: true });
  db = path.join(dir, 'web.db');
  await ingest({ dir: corpus, db });
  archive = Archive.open(db);
  app = createApp(archive, { logError: (e) => logged.push(e) });
});

after(() => {
  archive.close();
  rmSync(dir, { recursive: true, force: true });
});

function release(id: string, title: string, date: string, minister: string, portfolio: string, body: string): string {
  return `---\ntitle: "${title}"\ndate: ${date}\nurl: https://www.beehive.govt.nz/release/${id.slice(11)}\nministers:\n  - ${minister}\nportfolios:\n  - ${portfolio}\n---\n\n${body}\n`;
}

async function get(url: string, status = 200) {
  const res = await app.request(url);
  assert.equal(res.status, status, `${url} → ${res.status}: ${logged.map(String).join('; ')}`);
  return res;
}

/** Every surface a reader would try first, each warmed so that a cache could go stale. */
async function warm() {
  await get('/api/search?q=zephyrine');
  await get('/search?q=zephyrine');
  await get('/api/search?q=roading&sort=newest');
  await get('/search?q=Taji&sort=newest');
  await get('/api/ministers');
  await app.request('/api/portfolios/Shipbuilding');
  await get('/search.atom?q=');
  await get('/api/stats');
  await get('/');
}

test('after an ingest in place, search, browse, newest-first, the release and the feed are all current', async () => {
  await warm();
  mkdirSync(path.join(corpus, 'releases/2026/11'), { recursive: true });
  writeFileSync(
    path.join(corpus, `releases/2026/11/${NEW_ID}.md`),
    release(NEW_ID, 'Zephyrine shipyard opens', '2026-11-30', 'Hon Jane Shipwright', 'Shipbuilding', 'The zephyrine shipyard at Taji Bay opens today with 40 new jobs.'),
  );
  writeFileSync(
    path.join(corpus, CHANGED),
    release('2020-06-09-taji-mission-ends', 'NZDF mission at Taji comes to an end', '2020-06-09', 'Hon Ron Mark', 'Defence', 'The training mission at Taji has ended; the quokkaberry review follows.'),
  );
  const summary = await ingest({ dir: corpus, db });
  assert.equal(summary.ingested, 1);
  assert.equal(summary.updated, 1);

  const found = (await (await get('/api/search?q=zephyrine')).json()) as any;
  assert.equal(found.total, 1);
  assert.equal(found.hits[0].id, NEW_ID);
  assert.match(await (await get('/search?q=zephyrine')).text(), /Zephyrine shipyard opens/);

  const changed = (await (await get('/api/search?q=quokkaberry')).json()) as any;
  assert.deepEqual(changed.hits.map((h: any) => h.id), ['2020-06-09-taji-mission-ends']);

  const newest = (await (await get('/api/search?q=Taji&sort=newest')).json()) as any;
  assert.equal(newest.hits[0].id, NEW_ID, 'the new release is the newest Taji match');
  assert.match(await (await get('/search?q=Taji&sort=newest')).text(), new RegExp(NEW_ID));

  const ministers = (await (await get('/api/ministers')).json()) as any[];
  assert.ok(ministers.some((m) => m.name === 'Jane Shipwright'), 'the new minister is listed');
  const portfolio = (await (await get('/api/portfolios/Shipbuilding')).json()) as any;
  assert.equal(portfolio.releases ?? portfolio.newest?.length, 1);

  const one = (await (await get(`/api/releases/${NEW_ID}`)).json()) as any;
  assert.equal(one.title, 'Zephyrine shipyard opens');
  assert.match(await (await get(`/releases/${NEW_ID}`)).text(), /40 new jobs/);

  const feed = await (await get('/search.atom?q=')).text();
  assert.ok(feed.indexOf(NEW_ID) > 0 && feed.indexOf(NEW_ID) < feed.indexOf('2020-06-09-taji-mission-ends'), 'the feed leads with the new release');
  const stats = (await (await get('/api/stats')).json()) as any;
  assert.equal(stats.last, '2026-11-30');
  assert.match(await (await get('/')).text(), /Zephyrine shipyard opens/);
  assert.deepEqual(logged, []);
});

test('after a rebuild renamed over the archive, the server reads the new file', async () => {
  await warm();
  const newer = 'releases/2026/12/2026-12-01-marlinspike-harbour-plan.md';
  mkdirSync(path.join(corpus, 'releases/2026/12'), { recursive: true });
  writeFileSync(
    path.join(corpus, newer),
    release('2026-12-01-marlinspike-harbour-plan', 'Marlinspike harbour plan', '2026-12-01', 'Hon Jane Shipwright', 'Shipbuilding', 'A marlinspike harbour plan is released.'),
  );
  // A rebuild from scratch: the file goes, and ingest builds a new one beside it and renames it into place.
  rmSync(db);
  await get('/api/search?q=zephyrine');
  await ingest({ dir: corpus, db });

  const found = (await (await get('/api/search?q=marlinspike')).json()) as any;
  assert.deepEqual(found.hits.map((h: any) => h.id), ['2026-12-01-marlinspike-harbour-plan']);
  const newest = (await (await get('/api/search?q=portfolio:Shipbuilding&sort=newest')).json()) as any;
  assert.equal(newest.hits[0]?.id, '2026-12-01-marlinspike-harbour-plan');
  assert.match(await (await get('/releases/2026-12-01-marlinspike-harbour-plan')).text(), /marlinspike harbour plan/);
  assert.deepEqual(logged, []);
});

test('a served archive with search workers follows an ingest too (over a real port)', async () => {
  const { serve } = await import('../src/server/serve.ts');
  const s = await serve({ db, port: 0, host: '127.0.0.1', quiet: true, workers: 1, statePath: path.join(dir, 'state.db') });
  try {
    const q = async (url: string) => {
      const res = await fetch(s.url + url);
      assert.equal(res.status, 200, url);
      return res;
    };
    assert.equal(((await (await q('/api/search?q=gallimaufry')).json()) as any).total, 0);
    writeFileSync(
      path.join(corpus, 'releases/2026/12/2026-12-02-gallimaufry-fund.md'),
      release('2026-12-02-gallimaufry-fund', 'Gallimaufry fund', '2026-12-02', 'Hon Jane Shipwright', 'Shipbuilding', 'A gallimaufry fund opens.'),
    );
    await ingest({ dir: corpus, db });
    const found = (await (await q('/api/search?q=gallimaufry')).json()) as any;
    assert.deepEqual(found.hits.map((h: any) => h.id), ['2026-12-02-gallimaufry-fund']);
    assert.match(await (await q('/search?q=portfolio:Shipbuilding&sort=newest')).text(), /Gallimaufry fund/);
    assert.match(await (await q('/search.atom?q=')).text(), /2026-12-02-gallimaufry-fund/);
  } finally {
    await s.close();
  }
});

test('serve --update-every runs pressroom update on a schedule, and the server answers with what it added', async () => {
  const { serve } = await import('../src/server/serve.ts');
  mkdirSync(path.join(corpus, 'releases/2026/12'), { recursive: true });
  writeFileSync(
    path.join(corpus, 'releases/2026/12/2026-12-03-scheduled-quillwort.md'),
    release('2026-12-03-scheduled-quillwort', 'Quillwort survey', '2026-12-03', 'Hon Jane Shipwright', 'Shipbuilding', 'A quillwort survey begins.'),
  );
  const s = await serve({ db, port: 0, host: '127.0.0.1', quiet: true, workers: 0, statePath: path.join(dir, 'state.db'), updateEvery: 1500, corpus });
  try {
    let total = 0;
    for (let i = 0; i < 120 && total === 0; i++) {
      await new Promise((r) => setTimeout(r, 500));
      total = ((await (await fetch(`${s.url}/api/search?q=quillwort`)).json()) as any).total;
    }
    assert.equal(total, 1, 'a scheduled update ingested the new release');
  } finally {
    await s.close();
  }
});

test('a file renamed over the archive that is no archive leaves the server answering from the one it has', async () => {
  await get('/api/search?q=marlinspike');
  const junk = path.join(dir, 'junk.db');
  writeFileSync(junk, 'this is not a SQLite file\n'.repeat(100));
  renameSync(junk, db);
  const found = (await (await get('/api/search?q=marlinspike')).json()) as any;
  assert.deepEqual(found.hits.map((h: any) => h.id), ['2026-12-01-marlinspike-harbour-plan']);
  assert.deepEqual(logged, []);
});
