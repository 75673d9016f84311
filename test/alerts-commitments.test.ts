// Commitments alerts through real sockets: a commitment in a matching release is delivered once, in the
// update during which it comes due, signed and retried like any alert; those already due when the alert
// was made, and those of other releases, never are.
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { Archive, createAlert, deliverDue, ingest, SqliteStateStore, update } from '../src/index.ts';
import type { DeliveredCommitment } from '../src/state/store.ts';
import { createApp } from '../src/server/app.ts';
import { receiver, writeRelease } from './helpers/alerts.ts';

const FIXTURES = fileURLToPath(new URL('./fixtures/web-corpus', import.meta.url));
process.env.PRESSROOM_ALLOW_PRIVATE_WEBHOOKS = '1';

let dir: string;
let corpus: string;
let db: string;
let state: SqliteStateStore;
let hook: Awaited<ReturnType<typeof receiver>>;

const on = (day: string) => () => new Date(`${day}T09:00:00Z`);
const verify = (secret: string, body: string, header: string) => header === `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
const health = (id: string, title: string, body: string) => writeRelease(corpus, { id, title, minister: 'Hon Ayesha Verrall', portfolio: 'Health', body });
/** The commitments each POST received since `from`, as release id and due window. */
const got = (from = 0) =>
  hook.got.slice(from).flatMap((m) => (m.json as unknown as { commitments: DeliveredCommitment[] }).commitments.map((c) => `${c.id} ${c.commitment.due.from}`));

before(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'pressroom-commitment-alerts-'));
  corpus = path.join(dir, 'corpus');
  cpSync(FIXTURES, corpus, { recursive: true });
  health('2026-09-01-cancer-drugs-review', 'Cancer drugs review', 'An independent review of cancer drug funding will report back by November 2026.');
  health('2026-03-01-otaki-clinic', 'Ōtaki clinic', 'The Ōtaki clinic will be finished by July 2026.');
  health('2026-10-05-kowhai-hospital-wing', 'Kōwhai hospital wing <funded>', 'The new Kōwhai hospital wing will be completed by March 2027, the Minister said.');
  health('2026-10-07-taramoa-health-hub', 'Taramoa health hub', 'Construction of the Taramoa health hub will begin in June 2027.');
  writeRelease(corpus, { id: '2026-10-06-school-lunches-review', title: 'School lunches review', minister: 'Hon Erica Stanford', portfolio: 'Education', body: 'An independent review of school lunches will report back by March 2027.' });
  db = path.join(dir, 'a.db');
  await ingest({ dir: corpus, db });
  state = SqliteStateStore.open(path.join(dir, 'state.db'));
  hook = await receiver();
});

after(async () => {
  state.close();
  await hook.close();
  rmSync(dir, { recursive: true, force: true });
});

test('each commitment of a matching release arrives once, signed, in the update during which it comes due', async () => {
  const archive = Archive.open(db);
  const alert = await createAlert(archive, state, { query: 'portfolio:Health', kind: 'commitments', webhook: hook.url, clock: on('2026-11-15') });
  archive.close();
  assert.equal(alert.kind, 'commitments');
  assert.equal(alert.ahead, 1, 'a month of notice by default');

  // December: the review due in November was due when the alert was made; nothing new comes due.
  let s = await update({ db, state, dir: corpus, clock: on('2026-12-10') });
  assert.deepEqual(s.alerts, { matched: 0, delivered: 0, failed: 0, pending: 0 });

  // February: the hospital wing (due March) comes due; the Education review due in March is not Health.
  hook.failNext(1);
  s = await update({ db, state, dir: corpus, clock: on('2027-02-03') });
  assert.deepEqual(s.alerts, { matched: 1, delivered: 0, failed: 1, pending: 1 }, 'the receiver refused the first attempt');
  const retried = await deliverDue(state, { now: true });
  assert.equal(retried.delivered, 1);
  assert.deepEqual(got(), ['2026-10-05-kowhai-hospital-wing 2027-03']);
  const [m] = hook.got;
  assert.ok(verify(alert.secret, m!.body, m!.signature), 'signed with the alert secret');
  const body = m!.json as unknown as { alert: string; query: string; kind: string; commitments: DeliveredCommitment[] };
  assert.equal(body.alert, alert.id);
  assert.equal(body.kind, 'commitments');
  const c = body.commitments[0]!;
  assert.equal(c.title, 'Kōwhai hospital wing <funded>');
  assert.equal(c.commitment.kind, 'finish');
  assert.deepEqual(c.commitment.due, { from: '2027-03', to: '2027-03' });
  assert.match(c.commitment.text, /will be completed by March 2027/);
  assert.equal(c.commitment.status, 'upcoming');
  assert.deepEqual(state.deliveries(alert.id).map((d) => d.status), ['delivered']);
  assert.equal(state.attempts(state.deliveries(alert.id)[0]!.id).length, 2, 'one delivery id over both attempts');

  // Again the same month, and after a rebuild from scratch (new rowids): nothing is sent twice.
  await update({ db, state, dir: corpus, clock: on('2027-02-20') });
  rmSync(db);
  await ingest({ dir: corpus, db });
  await update({ db, state, dir: corpus, clock: on('2027-02-21') });
  assert.equal(hook.got.length, 1, 'no commitment is delivered twice');

  // A release added while its commitment is already coming due is delivered with the update that adds it.
  health('2027-02-22-rongo-ward', 'Rongo ward', 'The Rongo ward will be opened by March 2027.');
  s = await update({ db, state, dir: corpus, clock: on('2027-02-23') });
  assert.equal(s.ingest.ingested, 1);
  assert.deepEqual(got(1), ['2027-02-22-rongo-ward 2027-03']);

  // May: the health hub (due June) comes due. The Ōtaki clinic (July 2026) and the November review never arrive.
  await update({ db, state, dir: corpus, clock: on('2027-05-02') });
  assert.deepEqual(got(2), ['2026-10-07-taramoa-health-hub 2027-06']);
  assert.ok(!got().some((x) => /otaki|cancer-drugs|school-lunches/.test(x)), got().join(', '));
});

test('the API, the commitments page form and the private feed', async () => {
  const archive = Archive.open(db);
  const app = createApp(archive, { state });
  try {
    const post = (body: unknown) => app.request('/api/alerts', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
    const bad = await post({ query: 'portfolio:Health', kind: 'commitments', ahead: 30, feed: true });
    assert.equal(bad.status, 400);
    assert.match(((await bad.json()) as { error: string }).error, /from 0 to 24/);
    assert.equal((await post({ query: 'portfolio:Health', ahead: 2, feed: true })).status, 400, 'ahead belongs to commitments alerts');

    const made = await post({ query: '', kind: 'commitments', ahead: 3, feed: true });
    assert.equal(made.status, 201);
    const a = (await made.json()) as { id: string; kind: string; ahead: number; feed: string; token: string };
    assert.deepEqual([a.kind, a.ahead], ['commitments', 3]);
    const shown = (await (await app.request(`/api/alerts/${a.id}`, { headers: { Authorization: `Bearer ${a.token}` } })).json()) as { kind: string; ahead: number };
    assert.deepEqual([shown.kind, shown.ahead], ['commitments', 3]);

    const page = await (await app.request('/commitments?portfolio=Health')).text();
    assert.match(page, /Alert me as commitments come due/);
    assert.match(page, /name="kind" value="commitments"/);
    assert.match(page, /name="q" value="portfolio:&quot;Health&quot;"/, 'the alert watches the page’s filters');

    const form = await app.request('/alerts', { method: 'POST', body: new URLSearchParams({ q: 'portfolio:"Health"', kind: 'commitments', channel: 'feed' }) });
    assert.equal(form.status, 201);
    const feedUrl = /href="(http[^"]*feed\.atom[^"]*)"/.exec(await form.text())![1]!.replace(/&amp;/g, '&');
    const made2 = state.alerts().at(-1)!;
    assert.deepEqual([made2.kind, made2.query, made2.ahead], ['commitments', 'portfolio:"Health"', 1]);

    // The feed alert made in February with three months' notice hears of the health hub (June) in March.
    await update({ db, state, dir: corpus, clock: on('2027-03-10') });
    const feed = await (await app.request(new URL(feedUrl).pathname + new URL(feedUrl).search)).text();
    assert.match(feed, /<title[^>]*>Commitments coming due in releases matching portfolio:&quot;Health&quot;<\/title>/);
    const everything = await (await app.request(new URL(a.feed).pathname + new URL(a.feed).search)).text();
    assert.match(everything, /Taramoa health hub/);
    assert.match(everything, /Construction of the Taramoa health hub will begin in June 2027/);
    const entries = [...everything.matchAll(/<entry>\s*<id>([^<]+)<\/id>\s*<title>([^<]+)<\/title>/g)];
    assert.ok(entries.length > 0, 'the feed has entries');
    assert.equal(new Set(entries.map((m) => m[1])).size, entries.length, `one id per commitment: ${entries.map((m) => m[1]).join(' ')}`);
    assert.ok(entries.every((m) => m[1]!.includes('#commitment-') && m[2]!.startsWith('Due ')), `entries name the commitment: ${entries.map((m) => m[2]).join(' | ')}`);
  } finally {
    archive.close();
  }
});
