// Threads and commitments over a corpus written for this test: a bridge from approval to opening, with
// near-misses (another place sharing a prefix, a same-day release on another strand, a roundup naming it in passing).
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { Archive, ingest } from '../src/index.ts';
import { listCommitments, releaseCommitments } from '../src/commitments/index.ts';
import { createApp } from '../src/server/app.ts';
import type { Job } from '../src/server/jobs.ts';
import { inlineRunner } from '../src/server/pool.ts';
import { threadOf } from '../src/threads/index.ts';

const CORPUS = fileURLToPath(new URL('./fixtures/thread-corpus', import.meta.url));
const APPROVED = '2010-03-01-wharekai-bridge-replacement-approved';
const OPENS = '2012-06-20-new-wharekai-bridge-opens';
const clock = () => new Date('2026-12-02T00:00:00Z');

let dir: string;
let archive: Archive;

before(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'pressroom-follow-'));
  const db = path.join(dir, 'a.db');
  await ingest({ dir: CORPUS, db });
  archive = Archive.open(db);
});
after(() => {
  archive.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('threads', () => {
  test('follow the bridge from approval to opening, in date order, with milestones and context', () => {
    const t = threadOf(archive, APPROVED);
    const ids = t.releases.map((r) => r.id);
    assert.deepEqual(ids, [APPROVED, '2010-07-15-construction-begins-wharekai-bridge', '2011-05-02-minister-visits-wharekai-bridge-site', OPENS]);
    const role = Object.fromEntries(t.releases.map((r) => [r.id, r.role]));
    assert.equal(role[APPROVED], 'milestone');
    assert.equal(role[OPENS], 'milestone');
    assert.equal(role['2011-05-02-minister-visits-wharekai-bridge-site'], 'context');
    for (const r of t.releases) assert.match(r.why, /Wharekai/i);
  });

  test('fold exact copies into duplicates', () => {
    const opens = threadOf(archive, APPROVED).releases.find((r) => r.id === OPENS);
    assert.deepEqual(opens?.duplicates, [`${OPENS}-0`]);
  });

  test('are the same from any member, with a stable id', () => {
    const a = threadOf(archive, APPROVED);
    const b = threadOf(archive, OPENS);
    assert.equal(a.thread, APPROVED);
    assert.equal(b.thread, a.thread);
    assert.deepEqual(b.releases.map((r) => r.id), a.releases.map((r) => r.id));
  });
});

describe('commitments', () => {
  test('are read with their due windows', () => {
    const r = releaseCommitments(archive, APPROVED, { clock });
    const got = r.commitments.map((c) => `${c.kind} ${c.due.from}..${c.due.to}`);
    assert.deepEqual(got, ['start 2010-07..2010-07', 'finish 2012-06..2012-06', 'review 2010-09..2011-01']);
  });

  test('are followed up by the later release that fulfils them', () => {
    const finish = releaseCommitments(archive, APPROVED, { clock }).commitments.find((c) => c.kind === 'finish')!;
    assert.equal(finish.status, 'followed up');
    assert.equal(finish.follow_ups[0]?.id, OPENS);
    assert.equal(finish.follow_ups[0]?.relation, 'fulfils');
  });

  test('are followed up first by the step of their matter that comes when they fall due, not by an earlier one', () => {
    const review = releaseCommitments(archive, '2013-02-05-tawhiti-harbour-ferry-trial-approved', { clock }).commitments.find((c) => c.kind === 'review');
    assert.ok(review, 'the evaluation by June 2014 is a commitment');
    assert.deepEqual(review.due, { from: '2014-06', to: '2014-06' });
    const ids = review.follow_ups.map((f) => f.id);
    assert.equal(ids[0], '2014-06-23-tawhiti-harbour-ferry-become-permanent', `the decision in June 2014 comes before the first sailings of 2013: ${ids.join(', ')}`);
  });

  test('someone else\'s deadline is not one', () => {
    assert.deepEqual(releaseCommitments(archive, '2011-08-09-wharekaipo-marine-reserve-consultation', { clock }).commitments, []);
  });

  test('are listed by due window and status, with the clock deciding what is upcoming', () => {
    const all = listCommitments(archive, { dueFrom: '2010-01', dueTo: '2013-12', clock });
    assert.ok(all.total >= 3);
    const upcoming = listCommitments(archive, { status: 'upcoming', clock: () => new Date('2010-04-01T00:00:00Z') });
    assert.ok(upcoming.commitments.length > 0);
    for (const c of upcoming.commitments) assert.ok(c.due.from > '2010-04');
  });
});

describe('HTTP', () => {
  test('thread and commitments as JSON; bad input a 400 that says what to write', async () => {
    const app = createApp(archive);
    const t = await (await app.request(`/api/releases/${OPENS}/thread`)).json() as { thread: string };
    assert.equal(t.thread, APPROVED);
    const c = await app.request(`/api/releases/${APPROVED}/commitments`);
    assert.equal(c.status, 200);
    const bad = await app.request('/api/commitments?due_from=2016-13');
    assert.equal(bad.status, 400);
    assert.match(((await bad.json()) as { error: string }).error, /YYYY-MM/);
    const badStatus = await app.request('/api/commitments?status=broken');
    assert.equal(badStatus.status, 400);
    assert.equal((await app.request('/api/releases/no-such-release/thread')).status, 404);
  });

  test('pages and feeds: the thread timeline, the release page\'s neighbouring steps, commitments with filters, Atom', async () => {
    const app = createApp(archive);
    const page = await (await app.request(`/releases/${APPROVED}/thread`)).text();
    assert.match(page, /class="timeline"/);
    assert.ok(page.indexOf('2010-07-15-construction-begins') < page.indexOf(OPENS), 'date order');
    const release = await (await app.request('/releases/2010-07-15-construction-begins-wharekai-bridge')).text();
    assert.match(release, new RegExp(`Previous step:[^]*${APPROVED}`));
    assert.match(release, new RegExp(`Next step:[^]*${OPENS}`));
    assert.match(release, /\/releases\/2010-07-15-construction-begins-wharekai-bridge\/thread/);
    const feed = await app.request(`/releases/${OPENS}/thread.atom`);
    assert.match(feed.headers.get('content-type') ?? '', /atom/);
    const xml = await feed.text();
    assert.equal((xml.match(/<entry>/g) ?? []).length, 4);
    const list = await app.request('/commitments?due_from=2010-01&due_to=2013-12&status=followed+up');
    assert.equal(list.status, 200);
    assert.match(await list.text(), /Wharekai/);
    const due = await app.request('/commitments.atom');
    assert.equal(due.status, 200);
    assert.match(await due.text(), /<feed/);
    // One entry per commitment, each with its own id, even when one release makes several.
    const all = listCommitments(archive, { dueFrom: '2010-01', dueTo: '2013-12', limit: 50 });
    const byRelease = new Map<string, number>();
    for (const c of all.commitments) byRelease.set(c.release.id, (byRelease.get(c.release.id) ?? 0) + 1);
    assert.ok([...byRelease.values()].some((n) => n > 1), `a fixture release with two commitments: ${JSON.stringify([...byRelease])}`);
    const atom = await (await app.request('/commitments.atom?due_from=2010-01&due_to=2013-12')).text();
    const ids = [...atom.matchAll(/<entry>\s*<id>([^<]+)<\/id>\s*<title>([^<]+)<\/title>/g)];
    assert.equal(ids.length, all.total, 'every commitment is an entry');
    assert.equal(new Set(ids.map((m) => m[1])).size, ids.length, `distinct entry ids: ${ids.map((m) => m[1]).join(' ')}`);
    assert.ok(ids.every((m) => /\/releases\/[^#]+#commitment-[\w-]{12}$/.test(m[1]!) && /^Due \d{4}-\d\d/.test(m[2]!)), `ids anchor the commitment and titles say when it is due: ${ids.map((m) => m[2]).join(' | ')}`);
    assert.equal((await app.request('/commitments?status=broken')).status, 400);
    // Commitments and their follow-ups (searches and threads) are worker work: every route hands them to the runner.
    const kinds: string[] = [];
    const inline = inlineRunner(archive);
    const pooled = createApp(archive, { runner: { ...inline, run: <T>(job: Job, budget?: number) => (kinds.push(job.kind), inline.run<T>(job, budget)) } });
    for (const u of ['/commitments', '/commitments.atom', '/api/commitments', `/api/releases/${APPROVED}/commitments`, `/releases/${APPROVED}`]) {
      assert.equal((await pooled.request(u)).status, 200, u);
    }
    assert.deepEqual(kinds, ['commitments', 'commitments', 'commitments', 'release-commitments', 'related', 'thread', 'release-commitments']);
    // Unfiltered, the page shows what is coming due (the fixture's commitments are long past) and links to all of them.
    const landing = await (await app.request('/commitments')).text();
    assert.match(landing, /Showing the commitments due from \d{4}-\d\d on, soonest first/);
    assert.doesNotMatch(landing, /Wharekai/);
    assert.match(landing, /href="\/commitments\?due_from="/);
    assert.match(await (await app.request('/commitments?due_from=')).text(), /Wharekai/);
  });
});

